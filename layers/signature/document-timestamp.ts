import { digestRange, signedBytes } from './byte-range.ts';
import { checkTimestamp } from './cms/timestamp.ts';
import { checkCoverage } from './coverage.ts';
import type { SignatureField } from './pdf/signature-fields.ts';
import type { DocumentTimestampReport } from './report.ts';
import type { VerifyContext } from './signature-support.ts';
import { assessTrust } from './trust/assess.ts';
import { commonName, type Cert } from './trust/certificate.ts';
import type { RevocationData } from './trust/revocation.ts';
import { Findings } from './verdict.ts';

export interface CheckedTimestamp {
  readonly report: Omit<DocumentTimestampReport, 'index'>;
  readonly order: number;
  readonly token: Uint8Array | undefined;
  readonly certificates: readonly Cert[];
  readonly revocation: readonly RevocationData[];
}

/**
 * Verifies a PAdES document timestamp (ETSI.RFC3161, ETSI EN 319 142-1 §5.4.3): ByteRange and later
 * changes as for a signature, the token's imprint over the ByteRange bytes, its signature, and the TSA's
 * chain and revocation at the time it states.
 *
 * @example
 * const checked = checkDocumentTimestamp(context, field);
 */
export function checkDocumentTimestamp(context: VerifyContext, field: SignatureField): CheckedTimestamp {
  const findings = new Findings();
  const coverage = checkCoverage(context, field, undefined, findings);
  const range = coverage.range;
  const token = field.contents?.bytes;
  let tsa: string | null = null;
  let time: string | null = null;
  let chain: DocumentTimestampReport['chain'] = [];
  let revocation: readonly RevocationData[] = [];
  let certificates: readonly Cert[] = [];
  if (token === undefined || range === undefined || range.end > context.bytes.length || range.holeEnd <= range.holeStart) {
    findings.fail('FORMAT_FAILURE', 'no usable ByteRange or /Contents for the document timestamp');
  } else {
    const stamp = checkTimestamp(token, { digest: (hash) => digestRange(context.bytes, range, hash), data: () => signedBytes(context.bytes, range) });
    const signer = stamp.signer;
    const hashFailure = stamp.imprint === 'mismatch' || signer?.messageDigest === 'mismatch';
    const cryptoFailure = signer?.signatureValue === 'invalid';
    const noTsa = signer !== undefined && stamp.tsaCert === undefined;
    if (hashFailure) findings.fail('HASH_FAILURE', 'the timestamp does not stamp these bytes (imprint or message digest differs)');
    if (cryptoFailure) findings.fail('SIG_CRYPTO_FAILURE', 'the timestamp signature does not verify');
    if (noTsa) findings.indeterminate('NO_SIGNING_CERTIFICATE_FOUND', 'the TSA certificate is not in the token');
    if (!stamp.intact && !hashFailure && !cryptoFailure && !noTsa) findings.fail('FORMAT_FAILURE', stamp.problems.join('; '));
    tsa = stamp.tsaCert === undefined ? null : commonName(stamp.tsaCert);
    time = stamp.genTime?.toISOString() ?? null;
    if (stamp.tsaCert !== undefined && stamp.genTime !== undefined) {
      const revocationData = [...stamp.crls.map((der): RevocationData => ({ kind: 'crl', der, source: 'cms' })), ...context.dssRevocation];
      const pool = [...stamp.certificates, ...context.certPool];
      const trust = assessTrust(
        { leaf: stamp.tsaCert, at: stamp.genTime, proven: true, pool, anchors: context.options.anchors, revocationData, purpose: 'tsa', budget: context.budget },
        findings,
      );
      chain = [...trust.chainReport];
      revocation = trust.revocationUsed;
      certificates = trust.chain;
    }
  }
  const conclusion = findings.conclude();
  return {
    report: {
      field: field.name,
      indication: conclusion.indication,
      ...(conclusion.subIndication === undefined ? {} : { subIndication: conclusion.subIndication }),
      tsa,
      time,
      coversWholeDocument: coverage.coversWholeDocument,
      modifiedAfterSigning: coverage.modifiedAfterSigning,
      chain,
      byteRange: range === undefined ? null : [...range.declared],
      reasons: [...conclusion.reasons],
    },
    order: range?.end ?? Number.MAX_SAFE_INTEGER,
    token,
    certificates,
    revocation,
  };
}
