import type { DocumentFile } from '#domain/files/file';
import { fileObjectKey } from '#domain/files/object-key';
import { assertAcceptsFiles } from '#domain/files/rules';
import { checkFilePolicy, type FileUploadRequest } from '#domain/files/upload-request';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { getDocument } from '../documents/read-documents.ts';

/** Where and how to send the bytes of a new file. */
export interface FileUploadSlot {
  readonly fileId: string;
  readonly method: 'PUT';
  readonly uploadUrl: string;
  readonly expiresAt: string;
  /** Send these headers with the PUT, exactly as given: they are signed. */
  readonly requiredHeaders: Readonly<Record<string, string>>;
}

/**
 * Opens a file slot on a document: records the announced file as `pending` and returns a presigned URL
 * that accepts exactly those bytes under a key never used before. The upload is then checked by
 * `checkUploadedObject` (fileUploaded queue). Refuses secret documents (their content is never stored)
 * and issued or revoked outgoing documents (their files are frozen); nothing is written when it refuses.
 *
 * @example
 * const slot = await createFileUpload(deps, ctx, documentId, { fileName: 'Quyết định 15.pdf', contentType: 'application/pdf', size: 48213, sha256 });
 * await fetch(slot.uploadUrl, { method: 'PUT', headers: slot.requiredHeaders, body: bytes });
 */
export async function createFileUpload(deps: Dependencies, ctx: RequestContext, documentId: string, request: FileUploadRequest): Promise<FileUploadSlot> {
  authorize(ctx.principal, 'file.write');
  checkFilePolicy(request, deps.files.policy);
  const document = await getDocument(deps, ctx, documentId);
  assertAcceptsFiles(document, ctx.principal);
  const now = deps.clock.now();
  const fileId = deps.ids.next();
  const objectKey = fileObjectKey(document.id, fileId);
  // Presign first: if signing fails, no pending file is left behind.
  const upload = await deps.files.content.presignUpload({
    key: objectKey,
    contentType: request.contentType,
    size: request.size,
    sha256: request.sha256,
    expiresInSeconds: deps.files.uploadUrlSeconds,
    now,
  });
  const file: DocumentFile = {
    documentId: document.id,
    fileId,
    objectKey,
    fileName: request.fileName,
    contentType: request.contentType,
    size: request.size,
    sha256: request.sha256,
    status: 'pending',
    uploadedBy: { sub: ctx.principal.sub, name: ctx.principal.name },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await deps.files.store.create(file);
  return { fileId, method: upload.method, uploadUrl: upload.url, expiresAt: upload.expiresAt, requiredHeaders: upload.headers };
}
