import type { DocumentFile } from '#domain/files/file';
import type { AttachmentInfo } from '#edxml/index';
import type { Dependencies } from '../context.ts';
import { verifyRequest } from '../files/verify-received.ts';
import { pipeToConsumer } from './stream-sink.ts';

/**
 * The attachments of a package received from the axis: streamed to their own objects while the package is
 * parsed, then made the files of each document registered from it, PDFs verified from the bucket.
 */

/** An attachment as stored, with what was measured while it streamed. */
export interface StoredAttachment {
  readonly index: number;
  readonly contentId: string;
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly versionId?: string;
}

/** Opens an object just stored (a version of it), for reading back. */
export async function reopen(deps: Dependencies, key: string, versionId?: string): Promise<AsyncIterable<Uint8Array>> {
  const object = await deps.files.content.open(key, versionId);
  if (object === undefined) throw new Error(`the package just stored at ${key} cannot be read back`);
  return object.body;
}

/** Each attachment streams to its own object as the parser decodes it. */
export function attachmentSink(deps: Dependencies, axisDocId: string, info: AttachmentInfo, stored: StoredAttachment[]) {
  const key = `axis/inbox/${axisDocId}/${info.index + 1}`;
  const type = mediaTypeOf(info.contentType);
  const { sink, result } = pipeToConsumer((body) => deps.files.content.storeStream(key, body, type));
  return {
    ...sink,
    end: async () => {
      await sink.end();
      const { size, sha256, versionId } = await result;
      stored.push({
        index: info.index,
        contentId: info.contentId ?? `#${info.index}`,
        key,
        name: info.attachmentName ?? `tep-dinh-kem-${info.index + 1}`,
        type,
        size,
        sha256,
        ...(versionId === undefined ? {} : { versionId }),
      });
    },
  };
}

/**
 * The sender's ContentType when it is a media type (`type/subtype[; parameters]`, ASCII): it becomes an S3
 * header and the file's type. Anything else (`văn bản/thuần`) is kept bytes of unknown type, never a
 * storage error retried for ever.
 */
function mediaTypeOf(declared: string | undefined): string {
  return declared !== undefined && declared.length <= 200 && MEDIA_TYPE.test(declared) ? declared : 'application/octet-stream';
}

const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/;

/**
 * The package's attachments become the document's files, stored as they came. A PDF's signatures are
 * verified by the fileUploaded consumer (a verify request per PDF), not here: verification reads a PDF whole,
 * and the receiver streams packages of any size in bounded memory. Until then the file's `verification`
 * is absent; the request is sent again on a redelivery until it is recorded.
 */
export async function attachFiles(deps: Dependencies, documentId: string, stored: readonly StoredAttachment[]): Promise<void> {
  for (const object of [...stored].sort((a, b) => a.index - b.index)) {
    const fileId = `AXIS${String(object.index + 1).padStart(22, '0')}`;
    // A redelivery completes what a crash left undone: files already there stay as they are.
    const existing = await deps.files.store.get(documentId, fileId);
    const file = existing ?? (await createFile(deps, documentId, fileId, object));
    if (file.contentType === 'application/pdf' && file.verification === undefined) {
      await deps.queue.send('fileUploaded', { body: JSON.stringify(verifyRequest(file)) });
    }
  }
}

async function createFile(deps: Dependencies, documentId: string, fileId: string, object: StoredAttachment): Promise<DocumentFile> {
  const now = deps.clock.now().toISOString();
  const file: DocumentFile = {
    documentId,
    fileId,
    objectKey: object.key,
    ...(object.versionId === undefined ? {} : { versionId: object.versionId }),
    fileName: object.name,
    contentType: object.type,
    size: object.size,
    sha256: object.sha256,
    status: 'stored',
    actualSha256: object.sha256,
    actualSize: object.size,
    checkedAt: now,
    uploadedBy: { sub: 'system:axis-receiver', name: 'Trục liên thông' },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.files.store.create(file);
  return file;
}
