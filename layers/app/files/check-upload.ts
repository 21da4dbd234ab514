import { isSecret } from '#domain/documents/document';
import { judgeUpload, type DocumentFile, type FileRejection, type FileVerification, type UploadCheck, type UploadedObject } from '#domain/files/file';
import { FORMAT_HEAD_BYTES } from '#domain/files/format';
import { parseFileObjectKey } from '#domain/files/object-key';
import type { Dependencies } from '../context.ts';
import { digestStream } from './digest.ts';

export type UploadCheckOutcome =
  | { readonly kind: 'settled'; readonly file: DocumentFile }
  /** The file was checked before (a redelivered or repeated event): nothing changed. */
  | { readonly kind: 'already-settled'; readonly file: DocumentFile }
  /** Not an object this area knows (another key shape, no File item, or the object is gone): nothing to do. */
  | { readonly kind: 'ignored'; readonly key: string; readonly reason: 'not-a-file-key' | 'unknown-file' | 'missing-object' };

/**
 * Checks an uploaded object against its pending File item: streams it through SHA-256, compares size,
 * hash and type with what was announced, checks that the file name's extension and the first bytes are
 * those of the declared type (layers/domain/files/format.ts), lets the PDF verifier look at stored PDFs, and records the
 * result with the object's version id. Idempotent: once a file is stored or rejected, later events for
 * it change nothing. A rejected object is kept in the bucket as evidence; only the item says why.
 *
 * @example
 * const outcome = await checkUploadedObject(deps, { key: 'files/01J…/01J…', versionId: '3HL4kqtJ…' });
 * if (outcome.kind === 'settled') console.log(outcome.file.status); // 'stored' or 'rejected'
 */
export async function checkUploadedObject(
  deps: Pick<Dependencies, 'files' | 'clock'> & Partial<Pick<Dependencies, 'documents'>>,
  object: UploadedObject,
): Promise<UploadCheckOutcome> {
  const ids = parseFileObjectKey(object.key);
  if (ids === undefined) return { kind: 'ignored', key: object.key, reason: 'not-a-file-key' };
  const file = await deps.files.store.get(ids.documentId, ids.fileId);
  if (file === undefined) return { kind: 'ignored', key: object.key, reason: 'unknown-file' };
  if (file.status !== 'pending') return { kind: 'already-settled', file };

  const stored = await deps.files.content.open(object.key, object.versionId);
  if (stored === undefined) return { kind: 'ignored', key: object.key, reason: 'missing-object' };
  const head = new HeadCollector(FORMAT_HEAD_BYTES);
  const arrived = await digestStream(head.tap(stored.body));
  const versionId = stored.versionId ?? object.versionId;
  const rejection =
    (await secretRejection(deps, file)) ?? judgeUpload(file, { ...arrived, head: head.bytes(), ...(stored.contentType === undefined ? {} : { contentType: stored.contentType }) });
  const verification = rejection === undefined ? await verifyPdf(deps, file, object.key, versionId) : undefined;
  const check: UploadCheck = {
    status: rejection === undefined ? 'stored' : 'rejected',
    actualSha256: arrived.sha256,
    actualSize: arrived.size,
    checkedAt: deps.clock.now().toISOString(),
    ...(versionId === undefined ? {} : { versionId }),
    ...(rejection === undefined ? {} : { rejection }),
    ...(verification === undefined ? {} : { verification }),
  };
  const settled = await deps.files.store.settle(file, check);
  // The one content the bucket must not keep: a secret document's. Destroyed once the item says why.
  if (rejection?.code === 'secret-document') await deps.files.content.destroyObject(object.key, versionId);
  if (settled === undefined) return { kind: 'already-settled', file: (await deps.files.store.get(file.documentId, file.fileId)) ?? file };
  return { kind: 'settled', file: settled };
}

/**
 * A document that became secret while this upload was on its way (the edit and the announcement raced): its
 * content is never stored as the document's file. The object stays as evidence, never served.
 */
async function secretRejection(deps: Partial<Pick<Dependencies, 'documents'>>, file: DocumentFile): Promise<FileRejection | undefined> {
  const document = deps.documents === undefined ? undefined : await deps.documents.getDocument(file.documentId);
  if (document === undefined || !isSecret(document)) return undefined;
  return { code: 'secret-document', message: 'Văn bản đã được đánh dấu mật: nội dung văn bản mật không được lưu trên hệ thống.' };
}

/** The hook for signature verification: PDFs only, and only when a verifier is configured. */
export async function verifyPdf(deps: Pick<Dependencies, 'files'>, file: DocumentFile, key: string, versionId: string | undefined): Promise<FileVerification | undefined> {
  const verifier = deps.files.pdfVerifier;
  if (verifier === undefined || file.contentType !== 'application/pdf') return undefined;
  return verifier.verify({
    documentId: file.documentId,
    fileId: file.fileId,
    size: file.size,
    sha256: file.sha256,
    open: async () => {
      const reopened = await deps.files.content.open(key, versionId);
      if (reopened === undefined) throw new Error(`The object ${key} disappeared while it was being verified`);
      return reopened.body;
    },
  });
}

/** Keeps the first bytes of a stream while it passes through, so the content is read once. */
class HeadCollector {
  private readonly chunks: Uint8Array[] = [];
  private collected = 0;

  constructor(private readonly limit: number) {}

  async *tap(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    for await (const chunk of body) {
      if (this.collected < this.limit) {
        const part = Uint8Array.from(chunk.subarray(0, this.limit - this.collected));
        this.chunks.push(part);
        this.collected += part.byteLength;
      }
      yield chunk;
    }
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}
