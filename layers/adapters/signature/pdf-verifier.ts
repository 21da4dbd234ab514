import { readFileSync } from 'node:fs';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FileVerification } from '#domain/files/file';
import type { PdfVerifier } from '#domain/files/ports';
import type { Clock } from '#domain/ports';
import { optional } from '../config.ts';

/** PDFs larger than this are not read into memory for verification; they get INDETERMINATE with a reason. */
const MAX_VERIFIED_BYTES = 50 * 1024 * 1024;

/**
 * The PDF verifier of uploaded files (layers/signature): reads the object (bounded), verifies every
 * signature against the configured trust anchors, stores the full evidence (certificates, revocation
 * data, timestamps) beside the file in S3 and returns the report for the file item.
 */
export class SignaturePdfVerifier implements PdfVerifier {
  constructor(private readonly options: { trustAnchors: readonly Uint8Array[]; clock: Clock; s3: () => S3Client; bucket: () => string }) {}

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
    const { report, evidence } = await verifyPdf(bytes, { trustAnchors: [...this.options.trustAnchors], now });
    const evidenceKey = `evidence/${file.documentId}/${file.fileId}.json`;
    await this.options.s3().send(new PutObjectCommand({ Bucket: this.options.bucket(), Key: evidenceKey, Body: JSON.stringify(evidence), ContentType: 'application/json' }));
    return { verdict: report.verdict, verifiedAt: now.toISOString(), report: { ...report, evidenceKey } };
  }
}

/**
 * Trust anchors are configuration, not code: `VANTHU_TRUST_ANCHORS` (PEM certificates) or
 * `VANTHU_TRUST_ANCHORS_FILE` (a PEM file: the Government CA root, NEAC, ...). None configured: no PDF
 * verifier, and uploads are stored with `verification` unset.
 */
export function trustAnchorsFromEnvironment(): Uint8Array[] | undefined {
  const inline = optional('VANTHU_TRUST_ANCHORS');
  const file = optional('VANTHU_TRUST_ANCHORS_FILE');
  const pem = inline ?? (file === undefined ? undefined : readFileSync(file, 'utf8'));
  return pem === undefined ? undefined : [new TextEncoder().encode(pem)];
}

/**
 * Reads an object whose size is known into one buffer of that size: the bytes are held once, never as a
 * list of chunks plus their concatenation (the receiver's memory bound rests on it; docs/BENCHMARKS.md).
 */
async function readAll(chunks: AsyncIterable<Uint8Array>, expected: number, limit: number): Promise<Uint8Array> {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit));
  let size = 0;
  for await (const chunk of chunks) {
    if (size + chunk.length > limit) throw new Error(`the object is larger than ${limit} bytes`);
    if (size + chunk.length > buffer.length) {
      // More than announced (never for a checked object): grow once to the limit, still one buffer.
      const grown = Buffer.allocUnsafe(limit);
      buffer.copy(grown, 0, 0, size);
      buffer = grown;
    }
    buffer.set(chunk, size);
    size += chunk.length;
  }
  return buffer.subarray(0, size);
}
