/**
 * Object keys of document files. Every file gets a fresh key, `files/<documentId>/<fileId>`, so content
 * is never replaced under a key the table already points at. The prefix is the bucket's upload prefix
 * (infra/definitions.ts `bucket.uploadPrefix`, which routes object-created events to the checker).
 */
export const FILE_KEY_PREFIX = 'files/';

const ID = /^[0-9A-Z]{26}$/;

/** @example fileObjectKey('01J…DOC', '01J…FILE') // 'files/01J…DOC/01J…FILE' */
export function fileObjectKey(documentId: string, fileId: string): string {
  if (!ID.test(documentId) || !ID.test(fileId)) throw new Error(`Not a document and file id: ${documentId} / ${fileId}`);
  return `${FILE_KEY_PREFIX}${documentId}/${fileId}`;
}

/**
 * The document and file a key belongs to, or undefined for any other key (other prefixes, other shapes).
 *
 * @example parseFileObjectKey('files/01J…DOC/01J…FILE') // { documentId: '01J…DOC', fileId: '01J…FILE' }
 */
export function parseFileObjectKey(key: string): { documentId: string; fileId: string } | undefined {
  if (!key.startsWith(FILE_KEY_PREFIX)) return undefined;
  const [documentId, fileId, ...rest] = key.slice(FILE_KEY_PREFIX.length).split('/');
  if (documentId === undefined || fileId === undefined || rest.length > 0 || !ID.test(documentId) || !ID.test(fileId)) return undefined;
  return { documentId, fileId };
}
