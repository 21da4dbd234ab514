import { parseSignedData } from './cms/signed-data.ts';
import { checkDocumentTimestamp } from './document-timestamp.ts';
import { LimitExceededError, PdfSyntaxError, SignatureOptionsError, reasonOf } from './errors.ts';
import { itemEvidence, sha256, type VerificationEvidence } from './evidence.ts';
import { Budget } from './limits.ts';
import { resolveOptions, type ResolvedOptions, type VerifyOptions } from './options.ts';
import { unlistedAfter } from './pdf/changes.ts';
import { readDss } from './pdf/dss.ts';
import { PdfRevision } from './pdf/revision.ts';
import { signatureFields, type SignatureField } from './pdf/signature-fields.ts';
import type { VerificationReport } from './report.ts';
import { checkSignature } from './signature-check.ts';
import type { VerifyContext } from './signature-support.ts';
import { commonName, parseCert, type Cert } from './trust/certificate.ts';
import type { RevocationData } from './trust/revocation.ts';
import { documentVerdict } from './verdict.ts';

/** Certificates collected from one file before we stop adding: far beyond real documents. */
const MAX_POOL = 256;

export interface VerifiedPdf {
  readonly report: VerificationReport;
  readonly evidence: VerificationEvidence;
}

/**
 * Verifies every signature and document timestamp of a PDF (ETSI EN 319 102-1 verdicts, PAdES/ISO
 * 32000 rules) and returns the report plus the evidence to store with the file. A pure function of the
 * bytes and options: no clock, no network unless `fetchRevocation` is given. Hostile or broken files
 * give a verdict with reasons, never an exception; only unusable options throw `SignatureOptionsError`.
 *
 * @example
 * const { report, evidence } = await verifyPdf(pdfBytes, { trustAnchors: [rootPem], now: new Date() });
 * if (report.verdict !== 'TOTAL_PASSED') console.log(report.signatures.map((s) => s.reasons));
 */
export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions): Promise<VerifiedPdf> {
  const resolved = resolveOptions(options);
  const base = { fileSha256: sha256(bytes), fileSize: bytes.length, verifiedAt: resolved.now.toISOString() };
  if (bytes.length > resolved.maxBytes) return unreadable(base, resolved, `the file has ${bytes.length} bytes, more than the limit of ${resolved.maxBytes}`);
  try {
    return await verifyDocument(bytes, resolved, Budget.forMillis(resolved.maxMillis), base);
  } catch (error) {
    if (error instanceof SignatureOptionsError) throw error;
    const why = error instanceof LimitExceededError ? `verification stopped: ${error.message}` : `the file cannot be read as a PDF: ${reasonOf(error)}`;
    return unreadable(base, resolved, why);
  }
}

/** The report alone (see `verifyPdf`). */
export async function verifyPdfSignatures(bytes: Uint8Array, options: VerifyOptions): Promise<VerificationReport> {
  return (await verifyPdf(bytes, options)).report;
}

type Base = Pick<VerificationReport, 'fileSha256' | 'fileSize' | 'verifiedAt'>;

async function verifyDocument(bytes: Uint8Array, options: ResolvedOptions, budget: Budget, base: Base): Promise<VerifiedPdf> {
  const reasons: string[] = [];
  const { final, reconstructed } = openFinal(bytes, budget, reasons);
  const fields = signatureFields(final);
  const dss = readDss(final);
  reasons.push(...dss.problems);
  const context: VerifyContext = {
    bytes,
    final,
    reconstructed,
    modificationPolicy: options.modificationPolicy,
    unlistedAfter: (offset) => (reconstructed ? [] : unlistedAfter(bytes, final, offset)),
    options,
    budget,
    certPool: certificatePool(fields, dss.certificates),
    dssRevocation: [
      ...dss.crls.map((der): RevocationData => ({ kind: 'crl', der, source: 'dss' })),
      ...dss.ocspResponses.map((der): RevocationData => ({ kind: 'ocsp', der, source: 'dss' })),
    ],
  };
  const signatures = [];
  for (const field of fields.filter((f) => f.type === 'Sig')) signatures.push(await checkSignature(context, field));
  const timestamps = fields.filter((f) => f.type === 'DocTimeStamp').map((field) => checkDocumentTimestamp(context, field));
  signatures.sort((a, b) => a.order - b.order);
  timestamps.sort((a, b) => a.order - b.order);
  if (signatures.length === 0) reasons.push('no signature found');
  const report: VerificationReport = {
    verdict: documentVerdict(
      signatures.map((s) => s.report.indication),
      timestamps.map((t) => t.report.indication),
    ),
    signatures: signatures.map((s, i) => ({ index: i + 1, ...s.report })),
    documentTimestamps: timestamps.map((t, i) => ({ index: i + 1, ...t.report })),
    reasons,
    ...base,
  };
  const items = [
    ...signatures.map((s, i) =>
      itemEvidence({
        kind: 'signature',
        index: i + 1,
        field: s.report.field,
        indication: s.report.indication,
        subIndication: s.report.subIndication,
        time: s.report.signingTime,
        timeSource: s.report.signingTimeSource,
        byteRange: s.report.byteRange,
        ...s.evidence,
      }),
    ),
    ...timestamps.map((t, i) =>
      itemEvidence({
        kind: 'document-timestamp',
        index: i + 1,
        field: t.report.field,
        indication: t.report.indication,
        subIndication: t.report.subIndication,
        time: t.report.time,
        timeSource: 'timestamp',
        byteRange: t.report.byteRange,
        certificates: t.certificates,
        revocation: t.revocation,
        timestampToken: t.token,
      }),
    ),
  ];
  return { report, evidence: evidenceOf(report, options, items) };
}

function openFinal(bytes: Uint8Array, budget: Budget, reasons: string[]): { final: PdfRevision; reconstructed: boolean } {
  try {
    return { final: PdfRevision.open(bytes, bytes.length, budget), reconstructed: false };
  } catch (error) {
    if (!(error instanceof PdfSyntaxError)) throw error;
    reasons.push(`the cross-reference data is damaged (${error.message}); the structure was rebuilt by scanning`);
    return { final: PdfRevision.reconstruct(bytes, budget), reconstructed: true };
  }
}

/** Every certificate of every signature's CMS and of the DSS: intermediates for any path. */
function certificatePool(fields: readonly SignatureField[], dssCerts: readonly Uint8Array[]): Cert[] {
  const pool = new Map<string, Cert>();
  const add = (der: Uint8Array): void => {
    if (pool.size >= MAX_POOL) return;
    try {
      const cert = parseCert(der);
      pool.set(cert.sha256, cert);
    } catch {
      // An unreadable certificate is only a missing candidate here; the signature that carries it reports it.
    }
  };
  for (const field of fields) {
    const contents = field.contents?.bytes;
    if (contents === undefined) continue;
    try {
      parseSignedData(contents).certificates.forEach(add);
    } catch {
      // Reported by the signature's own check.
    }
  }
  dssCerts.forEach(add);
  return [...pool.values()];
}

function unreadable(base: Base, options: ResolvedOptions, reason: string): VerifiedPdf {
  const report: VerificationReport = { verdict: 'INDETERMINATE', signatures: [], documentTimestamps: [], reasons: [reason], ...base };
  return { report, evidence: evidenceOf(report, options, []) };
}

function evidenceOf(report: VerificationReport, options: ResolvedOptions, items: VerificationEvidence['items']): VerificationEvidence {
  return {
    version: 1,
    verifiedAt: report.verifiedAt,
    verdict: report.verdict,
    fileSha256: report.fileSha256,
    fileSize: report.fileSize,
    trustAnchors: options.anchors.map((a) => ({ subject: commonName(a), sha256: a.sha256 })),
    policy: { modificationPolicy: options.modificationPolicy, onlineRevocation: options.fetchRevocation !== undefined },
    items,
  };
}
