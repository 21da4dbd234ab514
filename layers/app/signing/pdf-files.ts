import { createHash } from 'node:crypto';
import { readAll } from '#domain/files/bytes';
import type { DocumentFile } from '#domain/files/file';
import { fileObjectKey } from '#domain/files/object-key';
import { UnprocessableError } from '#domain/errors';
import type { PdfVerification } from '#domain/signing/engine';
import type { Dependencies, RequestContext } from '../context.ts';

/** The largest PDF that is signed in memory (the verifier's bound). */
export const MAX_SIGNED_PDF_BYTES = 50 * 1024 * 1024;

/** The document's latest stored PDF, or the one named; 422 `no-pdf` when there is none. */
export function pdfToSign(files: readonly DocumentFile[], fileId?: string): DocumentFile {
  const stored = files.filter((f) => f.contentType === 'application/pdf' && f.status === 'stored');
  const pdf = fileId === undefined ? stored.at(-1) : stored.find((f) => f.fileId === fileId);
  if (pdf === undefined) {
    throw new UnprocessableError(
      'no-pdf',
      fileId === undefined ? 'Văn bản chưa có tệp PDF đã lưu để ký.' : `Tệp ${fileId} không phải là tệp PDF đã lưu của văn bản này.`,
      fileId === undefined ? {} : { errors: [{ path: 'body.fileId', message: 'Không phải tệp PDF đã lưu của văn bản.' }] },
    );
  }
  if (pdf.size > MAX_SIGNED_PDF_BYTES) {
    throw new UnprocessableError('pdf-too-large', `Tệp PDF lớn hơn ${MAX_SIGNED_PDF_BYTES / 1024 / 1024} MB, không ký được trực tuyến.`, {
      details: { fileId: pdf.fileId, size: pdf.size },
    });
  }
  return pdf;
}

/** The bytes of a stored object, checked against the SHA-256 the table holds for it. */
export async function readStored(deps: Dependencies, key: string, expectedSha256: string, size: number, versionId?: string): Promise<Uint8Array> {
  const object = await deps.files.content.open(key, versionId);
  if (object === undefined) throw new Error(`object ${key} is missing from the bucket`);
  const bytes = await readAll(object.body, size, MAX_SIGNED_PDF_BYTES + 1024 * 1024);
  if (sha256Hex(bytes) !== expectedSha256) throw new Error(`object ${key} does not hold the bytes recorded for it`);
  return bytes;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores a PDF the system produced (signed, stamped, sealed) under a new file id with its verification,
 * and the full evidence beside it; the file item is returned for the caller's transaction.
 */
export async function storeProducedPdf(
  deps: Dependencies,
  ctx: RequestContext,
  documentId: string,
  source: DocumentFile,
  bytes: Uint8Array,
  verification: PdfVerification,
): Promise<DocumentFile> {
  const now = deps.clock.now();
  const fileId = deps.ids.next();
  const objectKey = fileObjectKey(documentId, fileId);
  const evidenceKey = `evidence/${documentId}/${fileId}.json`;
  await deps.files.content.storeObject(evidenceKey, new Uint8Array(Buffer.from(JSON.stringify(verification.evidence))), 'application/json');
  const { versionId } = await deps.files.content.storeObject(objectKey, bytes, 'application/pdf');
  const sha256 = sha256Hex(bytes);
  return {
    documentId,
    fileId,
    objectKey,
    fileName: source.fileName,
    contentType: 'application/pdf',
    size: bytes.length,
    sha256,
    status: 'stored',
    uploadedBy: { sub: ctx.principal.sub, name: ctx.principal.name },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    actualSha256: sha256,
    actualSize: bytes.length,
    ...(versionId === undefined ? {} : { versionId }),
    checkedAt: now.toISOString(),
    verification: { verdict: verification.verdict, verifiedAt: now.toISOString(), report: { ...verification.report, evidenceKey } },
  };
}
