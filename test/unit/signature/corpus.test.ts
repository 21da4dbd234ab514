/**
 * The public corpus of signed PDFs (esig/dss samples) against its manifest. Uses ../shared/fixtures
 * (pdf-signatures), outside the repository: without it every test here is skipped with a message
 * (test/support/shared-fixtures.ts).
 */
import { expect, it } from 'vitest';
import { OID } from '#signature/cms/algorithms';
import { parseSignedData } from '#signature/cms/signed-data';
import { Budget } from '#signature/limits';
import { readDss } from '#signature/pdf/dss';
import { PdfRevision } from '#signature/pdf/revision';
import { signatureFields } from '#signature/pdf/signature-fields';
import type { VerificationReport } from '#signature/report';
import { isSelfSigned, parseCert } from '#signature/trust/certificate';
import { verifyPdfSignatures } from '#signature/verify';
import { describeWithFixtures } from '../../support/shared-fixtures.ts';
import { CORPUS_NOW, corpusFile, readManifest, type ManifestEntry } from './fixtures.ts';

const INTEGRITY_FAILURES = ['HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'FORMAT_FAILURE'];

describeWithFixtures('public corpus (esig/dss samples, no trust anchors)', () => {
  const manifest = readManifest();

  it('covers all 24 files of the manifest', () => {
    // Assess
    expect(manifest).toHaveLength(24);
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))('%s gets the verdict the manifest expects', async (_file, entry) => {
    // Prepare
    const bytes = corpusFile(entry.file);
    // Act
    const report = await verifyPdfSignatures(bytes, { trustAnchors: [], now: CORPUS_NOW });
    // Assess
    assessAgainstManifest(report, entry);
  });
});

describeWithFixtures('public corpus with the roots the files themselves carry as trust anchors', () => {
  it('passes the PAdES-LT file on its DSS revocation data and signature timestamp', async () => {
    // Prepare
    const bytes = corpusFile('valid/doc-firmado-LT.pdf');
    // Act
    const report = await verifyPdfSignatures(bytes, { trustAnchors: embeddedRoots(bytes), now: CORPUS_NOW });
    // Assess
    const [signature] = report.signatures;
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(signature?.signingTimeSource).toBe('timestamp');
    expect(signature?.revocation.certificates.map((c) => c.source)).toEqual(['ocsp:dss', 'crl:dss', 'crl:dss']);
  });

  it('checks the embedded OCSP responses of an Adobe Sign file and still fails the visibly changed signature', async () => {
    // Prepare
    const bytes = corpusFile('attacks/annotation-and-visible-change.pdf');
    // Act
    const report = await verifyPdfSignatures(bytes, { trustAnchors: embeddedRoots(bytes), now: CORPUS_NOW });
    // Assess
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_FAILED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.signatures.every((s) => s.revocation.status === 'good' && s.revocation.certificates.every((c) => c.source === 'ocsp:signed-attribute'))).toBe(true);
    expect(report.verdict).toBe('TOTAL_FAILED');
  });
});

function assessAgainstManifest(report: VerificationReport, entry: ManifestEntry): void {
  const { expected } = entry;
  const signatures = report.signatures;
  expect(report.documentTimestamps).toHaveLength(expected.document_timestamps);
  switch (expected.verdict) {
    case 'INTACT':
      expect(signatures).toHaveLength(expected.signatures);
      expect(report.verdict).toBe('INDETERMINATE');
      for (const s of signatures) {
        expect(s.indication).toBe('INDETERMINATE');
        expect(s.modifiedAfterSigning).toBe(false);
        expect(INTEGRITY_FAILURES).not.toContain(s.subIndication);
      }
      return;
    case 'MODIFIED_AFTER_SIGNING':
      expect(signatures).toHaveLength(expected.signatures);
      expect(signatures.some((s) => s.modifiedAfterSigning)).toBe(true);
      expect(report.verdict).not.toBe('TOTAL_PASSED');
      return;
    case 'TOTAL_FAILED':
      expect(signatures).toHaveLength(expected.signatures);
      expect(report.verdict).toBe('TOTAL_FAILED');
      if (expected.per_signature === undefined) {
        expect(signatures.map((s) => [s.indication, s.subIndication])).toEqual([['TOTAL_FAILED', expected.subIndication]]);
      } else {
        expect(signatures.filter((s) => s.indication === 'TOTAL_FAILED').map((s) => s.subIndication)).toEqual(['FORMAT_FAILURE']);
      }
      return;
    case 'INDETERMINATE':
      expect(signatures).toHaveLength(expected.signatures);
      expect(report.verdict).toBe('INDETERMINATE');
      if (expected.subIndication != null) expect(signatures.map((s) => s.subIndication)).toEqual([expected.subIndication]);
      return;
    case 'NOT_VALID':
      expect(signatures).toHaveLength(expected.signatures);
      expect(signatures.every((s) => s.indication === 'TOTAL_FAILED')).toBe(true);
      return;
    case 'NO_SIGNATURE_FOUND':
      // DSS finds no signature; we report the unparseable one as failed (the manifest allows either).
      expect(report.verdict).not.toBe('TOTAL_PASSED');
      expect(signatures.every((s) => s.indication === 'TOTAL_FAILED' && s.subIndication === 'FORMAT_FAILURE')).toBe(true);
      return;
  }
}

/** Self-signed certificates found in the file's CMS, timestamp tokens and DSS. */
function embeddedRoots(bytes: Uint8Array): Uint8Array[] {
  const revision = PdfRevision.open(bytes, bytes.length, Budget.forMillis(5_000));
  const found = [...readDss(revision).certificates];
  for (const field of signatureFields(revision)) {
    const cms = parseSignedData(field.contents?.bytes ?? new Uint8Array());
    found.push(...cms.certificates);
    const stamps = cms.signerInfos.flatMap((info) => (info.unsignedAttrs?.attributes ?? []).filter((a) => a.type === OID.signatureTimeStamp));
    const tokens = stamps.flatMap((a) => a.values.map((v) => new Uint8Array(v.valueBeforeDecodeView)));
    for (const token of tokens) found.push(...parseSignedData(token).certificates);
  }
  return found.filter((der) => isSelfSigned(parseCert(der)));
}
