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

/**
 * Stores a PDF the system made under `key`: through the bounded streamed upload (one PutObject up to 8 MiB,
 * a multipart upload beyond), so a 20 MB original is stored the same way everywhere, the local emulator's
 * request size limit included. Resolves the object's version, if the bucket versions.
 */
export async function storePdf(deps: Dependencies, key: string, bytes: Uint8Array): Promise<{ versionId?: string }> {
  async function* parts(): AsyncIterable<Uint8Array> {
    for (let at = 0; at < bytes.length; at += STORE_CHUNK) yield bytes.subarray(at, at + STORE_CHUNK);
  }
  const { versionId } = await deps.files.content.storeStream(key, parts(), 'application/pdf');
  return versionId === undefined ? {} : { versionId };
}

/** The slices handed to the streamed upload (which gathers them into 8 MiB parts). */
const STORE_CHUNK = 1024 * 1024;

/** What a completion needs of a preparation: the signed attributes and the signer's chain (DER), as JSON bytes. */
export function signingMaterial(material: { readonly signedAttributes: Uint8Array; readonly certificates: readonly Uint8Array[] }): Uint8Array {
  const base64 = (der: Uint8Array) => Buffer.from(der).toString('base64');
  return new Uint8Array(Buffer.from(JSON.stringify({ signedAttributes: base64(material.signedAttributes), certificates: material.certificates.map(base64) })));
}

/** The signing material a preparation stored, checked against the SHA-256 its session holds. */
export async function readSigningMaterial(
  deps: Dependencies,
  session: { readonly materialKey: string; readonly materialSha256: string; readonly materialSize: number },
): Promise<{ readonly signedAttributes: Uint8Array; readonly certificates: readonly Uint8Array[] }> {
  const bytes = await readStored(deps, session.materialKey, session.materialSha256, session.materialSize);
  const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { signedAttributes: string; certificates: string[] };
  const der = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
  return { signedAttributes: der(parsed.signedAttributes), certificates: parsed.certificates.map(der) };
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
  const { versionId } = await storePdf(deps, objectKey, bytes);
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
