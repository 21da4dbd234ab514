import { transformParams } from './pdf/field-locks.ts';
import type { ParsedSignedData } from './cms/signed-data.ts';
import { contentOf, type SignerInfoCheck } from './cms/signer-info.ts';
import { checkTimestamp } from './cms/timestamp.ts';
import type { CoverageContext } from './coverage.ts';
import type { Budget } from './limits.ts';
import type { ResolvedOptions } from './options.ts';
import { pdfDate } from './pdf/dates.ts';
import { numberOf, type PdfDict } from './pdf/objects.ts';
import type { PdfRevision } from './pdf/revision.ts';
import { isSelfSigned, type Cert } from './trust/certificate.ts';
import { buildChain, chainProblems } from './trust/chain.ts';
import { fetchCrls } from './trust/online.ts';
import { checkRevocation, type RevocationData } from './trust/revocation.ts';

/** Everything shared by the checks of one file. */
export interface VerifyContext extends CoverageContext {
  readonly options: ResolvedOptions;
  readonly budget: Budget;
  /** Certificates found anywhere in the file (CMS of every signature, DSS): candidates for paths. */
  readonly certPool: readonly Cert[];
  readonly dssRevocation: readonly RevocationData[];
}

/** The best signing time available and what backs it. */
export interface SigningTime {
  readonly at: Date;
  readonly source: 'timestamp' | 'claimed' | 'none';
  readonly token: Uint8Array | undefined;
  readonly certificates: readonly Cert[];
  readonly revocation: readonly RevocationData[];
  readonly warnings: readonly string[];
}

/**
 * The time a signature is judged at: the genTime of its signature timestamp when the token is intact
 * and its TSA chains to a trust anchor and was valid then; otherwise the time the signer claims
 * (signing-time attribute, else /M), reported as claimed; with neither, the validation time.
 */
export function timeOfSignature(context: VerifyContext, dict: PdfDict, signer: SignerInfoCheck | undefined, warnings: string[]): SigningTime {
  const notes: string[] = [];
  const token = signer?.timestampTokens[0];
  if (signer !== undefined && token !== undefined) {
    const stamp = checkTimestamp(token, contentOf(signer.signature));
    const certificates = stamp.certificates;
    if (stamp.intact && stamp.genTime !== undefined && stamp.tsaCert !== undefined) {
      const chain = buildChain(stamp.tsaCert, [...certificates, ...context.certPool], context.options.anchors, context.budget);
      const problems = chain.status === 'trusted' ? chainProblems(chain.certificates, stamp.genTime, 'tsa') : [];
      if (chain.status === 'trusted' && problems.length === 0) {
        const revocation = stamp.crls.map((der): RevocationData => ({ kind: 'crl', der, source: 'cms' }));
        return { at: stamp.genTime, source: 'timestamp', token, certificates, revocation, warnings: ["the TSA certificate's revocation status is not checked"] };
      }
      notes.push(
        chain.status === 'trusted'
          ? `signature timestamp not used: ${problems.map((p) => p.message).join('; ')}`
          : 'signature timestamp not used: its TSA does not chain to a trust anchor',
      );
    } else notes.push(`signature timestamp not used: ${stamp.problems.join('; ')}`);
  }
  const claimed = signer?.claimedSigningTime ?? pdfDate(dict.entries.get('M'));
  warnings.push(...notes);
  if (claimed !== undefined) return { at: claimed, source: 'claimed', token, certificates: [], revocation: [], warnings: [] };
  return { at: context.options.now, source: 'none', token, certificates: [], revocation: [], warnings: ['no signing time: certificates judged at the validation time'] };
}

/** Revocation data carried by the signature itself: CMS crls/OCSP and the signed Adobe archival attribute. */
export function revocationDataOf(cms: ParsedSignedData | undefined, signer: SignerInfoCheck): RevocationData[] {
  return [
    ...(cms?.crls ?? []).map((der): RevocationData => ({ kind: 'crl', der, source: 'cms' })),
    ...(cms?.ocspResponses ?? []).map((der): RevocationData => ({ kind: 'ocsp', der, source: 'cms' })),
    ...signer.revocationArchival.crls.map((der): RevocationData => ({ kind: 'crl', der, source: 'signed-attribute' })),
    ...signer.revocationArchival.ocspResponses.map((der): RevocationData => ({ kind: 'ocsp', der, source: 'signed-attribute' })),
  ];
}

/** Adds CRLs fetched from allow-listed hosts for certificates whose status the file cannot establish. */
export async function withFetchedRevocation(
  context: VerifyContext,
  leaf: Cert,
  pool: readonly Cert[],
  embedded: RevocationData[],
  at: Date,
  warnings: string[],
): Promise<RevocationData[]> {
  const fetcher = context.options.fetchRevocation;
  if (fetcher === undefined) return embedded;
  const chain = buildChain(leaf, pool, context.options.anchors, context.budget);
  if (chain.status !== 'trusted') return embedded;
  const unknown = checkRevocation(chain.certificates, embedded, at)
    .filter((r) => r.status === 'unknown')
    .map((r) => r.cert);
  if (unknown.length === 0) return embedded;
  return [
    ...embedded,
    ...(await fetchCrls(
      unknown.filter((c) => !isSelfSigned(c)),
      fetcher,
      warnings,
    )),
  ];
}

/** DocMDP permission level of a certification signature (ISO 32000-1 §12.8.2.2), undefined otherwise. */
export function certificationLevel(revision: PdfRevision, dict: PdfDict): number | undefined {
  const params = transformParams(revision, dict, 'DocMDP');
  if (params === undefined) return undefined;
  const level = numberOf(revision.get(params, 'P')) ?? 2;
  return level >= 1 && level <= 3 ? level : 2;
}
