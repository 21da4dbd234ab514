import { digestRange, signedBytes } from './byte-range.ts';
import { digestByNode } from './cms/algorithms.ts';
import { parseSignedData, type ParsedSignedData } from './cms/signed-data.ts';
import { checkSignerInfo, contentOf, type SignedContent, type SignerInfoCheck } from './cms/signer-info.ts';
import { checkCoverage, type Coverage } from './coverage.ts';
import { reasonOf } from './errors.ts';
import type { SignatureField } from './pdf/signature-fields.ts';
import type { SignatureReport } from './report.ts';
import { commonName, parseCert, type Cert } from './trust/certificate.ts';
import type { RevocationData } from './trust/revocation.ts';
import { fieldLock } from './pdf/field-locks.ts';
import { certificationLevel, revocationDataOf, timeOfSignature, withFetchedRevocation, type VerifyContext } from './signature-support.ts';
import { assessTrust } from './trust/assess.ts';
import { Findings } from './verdict.ts';

/** A signature's report plus what the evidence record keeps. */
export interface CheckedSignature {
  readonly report: Omit<SignatureReport, 'index'>;
  readonly order: number;
  readonly evidence: { readonly certificates: readonly Cert[]; readonly revocation: readonly RevocationData[]; readonly timestampToken: Uint8Array | undefined };
}

/** SubFilters whose CMS signs the ByteRange bytes directly (detached). */
const DETACHED = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

/**
 * Verifies one approval or certification signature: coverage and changes (./coverage.ts), the CMS
 * (digest, signature value, signed attributes, every SignerInfo), the signing time (trusted timestamp or
 * the signer's claim), then chain, validity, revocation and algorithm strength of the signer.
 *
 * @example
 * const checked = await checkSignature(context, field);
 */
export async function checkSignature(context: VerifyContext, field: SignatureField): Promise<CheckedSignature> {
  const findings = new Findings();
  const warnings: string[] = [];
  const level = certificationLevel(context.final, field.dict);
  const coverage = checkCoverage(context, field, level, findings, fieldLock(context.final, field.dict));
  if (!coverage.modifiedAfterSigning && coverage.changes.some((c) => c.category === 'undefined'))
    warnings.push('content changed after signing (reported only: modification policy is warn)');
  // Permitted by ISO 32000 after an approval signature, but an annotation can cover signed text (EAA).
  if (coverage.changes.some((c) => c.category === 'annotation')) warnings.push('annotations were added or changed after signing: check that they do not cover the signed content');
  if (coverage.changes.some((c) => c.category === 'new-field') && !coverage.modifiedAfterSigning)
    warnings.push('form fields other than signatures were added after signing: check that they do not cover the signed content');
  const cms = readCms(field, findings);
  const content = cms === undefined ? undefined : signedContent(context.bytes, coverage, field.subFilter, cms, findings);
  const signers = cms === undefined || content === undefined ? [] : checkSigners(cms, context.certPool, content, findings, field.subFilter);
  const primary = signers[0];
  const time = timeOfSignature(context, field.dict, primary, warnings);
  let trust: ReturnType<typeof assessTrust> | undefined;
  if (primary?.signerCert !== undefined) {
    if (time.at.getTime() > context.options.now.getTime() + 5 * 60_000)
      findings.indeterminate('SIG_CONSTRAINTS_FAILURE', `the signing time ${time.at.toISOString()} is in the future`);
    const embedded = [...revocationDataOf(cms, primary), ...context.dssRevocation, ...time.revocation];
    const pool = [...context.certPool, ...time.certificates];
    const revocationData = await withFetchedRevocation(context, primary.signerCert, pool, embedded, time.at, warnings);
    trust = assessTrust(
      {
        leaf: primary.signerCert,
        at: time.at,
        proven: time.source === 'timestamp',
        pool,
        anchors: context.options.anchors,
        revocationData,
        purpose: 'signer',
        budget: context.budget,
      },
      findings,
    );
  }
  const weakAlgorithms = [...new Set(signers.flatMap((s) => s.weakAlgorithms))];
  if (weakAlgorithms.length > 0) findings.indeterminate('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', `weak algorithm(s): ${weakAlgorithms.join(', ')}`);
  const conclusion = findings.conclude();
  const report: Omit<SignatureReport, 'index'> = {
    field: field.name,
    indication: conclusion.indication,
    ...(conclusion.subIndication === undefined ? {} : { subIndication: conclusion.subIndication }),
    signer: primary?.signerCert === undefined ? null : commonName(primary.signerCert),
    signerSubject: primary?.signerCert?.subject ?? null,
    signingTime: time.source === 'none' ? null : time.at.toISOString(),
    signingTimeSource: time.source,
    coversWholeDocument: coverage.coversWholeDocument,
    modifiedAfterSigning: coverage.modifiedAfterSigning,
    chain: [...(trust?.chainReport ?? [])],
    revocation: trust?.revocation ?? { status: 'not-checked', certificates: [] },
    subFilter: field.subFilter ?? null,
    byteRange: coverage.range === undefined ? null : [...coverage.range.declared],
    digestAlgorithm: primary?.digestAlgorithm?.name ?? null,
    signatureAlgorithm: primary?.signatureAlgorithm ?? null,
    weakAlgorithms,
    certificationLevel: level ?? null,
    changesAfterSigning: [...coverage.changes],
    reasons: [...conclusion.reasons],
    warnings: [...warnings, ...time.warnings],
  };
  const evidence = {
    certificates: trust?.chain ?? (primary?.signerCert === undefined ? [] : [primary.signerCert]),
    revocation: trust?.revocationUsed ?? [],
    timestampToken: time.token,
  };
  return { report, order: coverage.range?.end ?? Number.MAX_SAFE_INTEGER, evidence };
}

function readCms(field: SignatureField, findings: Findings): ParsedSignedData | undefined {
  const bytes = field.contents?.bytes;
  if (bytes === undefined || bytes.every((b) => b === 0)) {
    findings.fail('FORMAT_FAILURE', '/Contents is empty: no signature value (universal signature forgery)');
    return undefined;
  }
  try {
    const cms = parseSignedData(bytes);
    if (cms.trailingData) findings.indeterminate('FORMAT_FAILURE', 'non-zero bytes follow the CMS inside /Contents');
    return cms;
  } catch (error) {
    findings.fail('FORMAT_FAILURE', `/Contents is not a readable CMS SignedData: ${reasonOf(error)}`);
    return undefined;
  }
}

/** The content the CMS signs, per SubFilter (ISO 32000-1 §12.8.3.3, ETSI EN 319 142-1 §5.1). */
function signedContent(bytes: Uint8Array, coverage: Coverage, subFilter: string | undefined, cms: ParsedSignedData, findings: Findings): SignedContent | undefined {
  const range = coverage.range;
  if (range === undefined || range.end > bytes.length || range.holeEnd <= range.holeStart) return undefined;
  const rangeContent: SignedContent = { digest: (hash) => digestRange(bytes, range, hash), data: () => signedBytes(bytes, range) };
  if (subFilter !== undefined && DETACHED.has(subFilter)) {
    if (cms.eContent !== undefined) findings.fail('FORMAT_FAILURE', `a ${subFilter} signature must not encapsulate content`);
    return rangeContent;
  }
  if (subFilter === 'adbe.pkcs7.sha1') {
    const sha1 = digestByNode('sha1');
    if (cms.eContent === undefined || sha1 === undefined || !Buffer.from(cms.eContent).equals(Buffer.from(rangeContent.digest('sha1')))) {
      findings.fail('HASH_FAILURE', 'the encapsulated SHA-1 digest is not the digest of the ByteRange');
    }
    return contentOf(cms.eContent ?? new Uint8Array(0));
  }
  findings.indeterminate('SIG_CONSTRAINTS_FAILURE', `SubFilter ${subFilter ?? '(none)'} is not supported`);
  return undefined;
}

function checkSigners(cms: ParsedSignedData, pool: readonly Cert[], content: SignedContent, findings: Findings, subFilter: string | undefined): SignerInfoCheck[] {
  let certs: Cert[];
  try {
    certs = [...cms.certificates.map(parseCert), ...pool];
  } catch (error) {
    findings.fail('FORMAT_FAILURE', `a certificate in the CMS cannot be read: ${reasonOf(error)}`);
    return [];
  }
  const infos = cms.signerInfos;
  if (infos.length === 0) findings.fail('FORMAT_FAILURE', 'the CMS has no SignerInfo');
  return infos.map((info, i) => {
    const label = infos.length > 1 ? `SignerInfo #${i + 1}: ` : '';
    const check = checkSignerInfo(info, certs, content, cms.eContentType);
    for (const problem of check.problems) findings.fail('FORMAT_FAILURE', label + problem);
    if (check.signerCert === undefined) findings.indeterminate('NO_SIGNING_CERTIFICATE_FOUND', `${label}no certificate in the file matches the signer identifier`);
    if (check.messageDigest === 'mismatch') findings.fail('HASH_FAILURE', `${label}the digest of the signed bytes differs from the message-digest attribute`);
    if (check.signatureValue === 'invalid') findings.fail('SIG_CRYPTO_FAILURE', `${label}the signature value does not verify with the signer's public key`);
    if (check.signatureValue === 'unsupported') findings.indeterminate('SIG_CONSTRAINTS_FAILURE', `${label}the signature algorithm ${check.signatureAlgorithm} is not supported`);
    if (check.signerCert !== undefined && check.signingCertificateRef === 'mismatch')
      findings.indeterminate('NO_SIGNING_CERTIFICATE_FOUND', `${label}the signing-certificate attribute names another certificate`);
    if (check.signingCertificateRef === 'absent' && subFilter === 'ETSI.CAdES.detached')
      findings.indeterminate('SIG_CONSTRAINTS_FAILURE', `${label}no signing-certificate(-v2) attribute, required by PAdES`);
    return check;
  });
}
