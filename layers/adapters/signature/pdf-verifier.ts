import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FileVerification } from '#domain/files/file';
import type { PdfVerifier } from '#domain/files/ports';
import type { Clock } from '#domain/ports';
import { readAll } from '#domain/files/bytes';

/** PDFs larger than this are not read into memory for verification; they get INDETERMINATE with a reason. */
const MAX_VERIFIED_BYTES = 50 * 1024 * 1024;

/**
 * The PDF verifier of uploaded files (layers/signature): reads the object (bounded), verifies every
 * signature against the stage's trust anchors (the SSM parameters `signing/trust-anchors`), stores the full evidence (certificates, revocation
 * data, timestamps) beside the file in S3 and returns the report for the file item.
 */
export class SignaturePdfVerifier implements PdfVerifier {
  constructor(private readonly options: { trustAnchors: () => Promise<readonly Uint8Array[]>; clock: Clock; s3: () => S3Client; bucket: () => string }) {}

  async verify(file: Parameters<PdfVerifier['verify']>[0]): Promise<FileVerification> {
    const now = this.options.clock.now();
    if (file.size > MAX_VERIFIED_BYTES) {
      return {
        verdict: 'INDETERMINATE',
        verifiedAt: now.toISOString(),
        report: { verdict: 'INDETERMINATE', signatures: [], reasons: [`the file is larger than ${MAX_VERIFIED_BYTES} bytes and was not verified`] },
      };
    }
    const bytes = await readAll(await file.open(), file.size, MAX_VERIFIED_BYTES);
    // The signature layer is an engine: loaded on the first PDF, not when the function starts.
    const { verifyPdf } = await import('#engines/pdf-signatures');
    const { report, evidence } = await verifyPdf(bytes, { trustAnchors: [...(await this.options.trustAnchors())], now });
    const evidenceKey = `evidence/${file.documentId}/${file.fileId}.json`;
    await this.options.s3().send(new PutObjectCommand({ Bucket: this.options.bucket(), Key: evidenceKey, Body: JSON.stringify(evidence), ContentType: 'application/json' }));
    return { verdict: report.verdict, verifiedAt: now.toISOString(), report: { ...report, evidenceKey } };
  }
}
