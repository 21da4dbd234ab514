import type { AttachmentInput } from '#edxml/index';
import type { Dependencies } from '../context.ts';

/** The stored files of a document as edXML attachments, streamed from the bucket while the package is built. */
export async function attachmentsOf(deps: Dependencies, documentId: string): Promise<AttachmentInput[]> {
  const files = await deps.files.store.list(documentId, { limit: 100 });
  return files.items
    .filter((file) => file.status === 'stored')
    .map((file, index) => ({
      contentId: `cid:${index + 1}`,
      attachmentName: file.fileName,
      contentType: file.contentType,
      payload: streamOf(deps, file.objectKey, file.versionId),
    }));
}

/**
 * Internal delivery shares the sender's stored files with the receiving document: new File items that
 * point at the same objects (content is never replaced, so sharing is safe), with their verification.
 */
export async function shareFiles(deps: Dependencies, fromDocumentId: string, toDocumentId: string): Promise<void> {
  const files = await deps.files.store.list(fromDocumentId, { limit: 100 });
  const existing = new Set((await deps.files.store.list(toDocumentId, { limit: 100 })).items.map((f) => f.fileId));
  for (const file of files.items.filter((f) => f.status === 'stored' && !existing.has(f.fileId))) {
    await deps.files.store.create({ ...file, documentId: toDocumentId, version: 1 });
  }
}

async function* streamOf(deps: Dependencies, key: string, versionId: string | undefined): AsyncGenerator<Uint8Array> {
  const object = await deps.files.content.open(key, versionId);
  if (object === undefined) throw new Error(`the stored file ${key} is missing from the bucket`);
  yield* object.body;
}
