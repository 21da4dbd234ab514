import { isSecret } from '#domain/documents/document';
import type { DocumentFile } from '#domain/files/file';
import { NotFoundError } from '#domain/errors';
import type { Page } from '#domain/documents/store';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { getDocument } from '../documents/read-documents.ts';
import { fileView, type FileView } from './view.ts';

/** Download URLs are short-lived: long enough to start a download, too short to be worth sharing. */
export const DOWNLOAD_URL_SECONDS = 300;

/**
 * A file of a document of the caller's agency, with a presigned download URL once it is stored. The
 * URL names the checked version, so it always downloads the bytes whose SHA-256 the table holds.
 *
 * @example
 * const file = await getFile(deps, ctx, documentId, fileId);
 * if (file.status === 'stored') await fetch(file.downloadUrl ?? '');
 */
export async function getFile(deps: Dependencies, ctx: RequestContext, documentId: string, fileId: string): Promise<FileView> {
  authorize(ctx.principal, 'file.read');
  const document = await getDocument(deps, ctx, documentId);
  const file = await deps.files.store.get(document.id, fileId);
  if (file === undefined) throw new NotFoundError(`No file ${fileId} on document ${documentId}.`, { details: { documentId, fileId } });
  // Never a download of a secret document's content, whatever is stored (data from before the rule).
  if (file.status !== 'stored' || isSecret(document)) return fileView(file);
  const download = await deps.files.content.presignDownload({
    key: file.objectKey,
    ...(file.versionId === undefined ? {} : { versionId: file.versionId }),
    fileName: file.fileName,
    contentType: file.contentType,
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
    now: deps.clock.now(),
  });
  return fileView(file, download);
}

/**
 * The files of a document of the caller's agency, in upload order (metadata only; get one to download it).
 *
 * @example
 * const { items, nextToken } = await listFiles(deps, ctx, documentId, { limit: 25 });
 */
export async function listFiles(deps: Dependencies, ctx: RequestContext, documentId: string, page: { limit: number; nextToken?: string }): Promise<Page<FileView>> {
  authorize(ctx.principal, 'file.read');
  const document = await getDocument(deps, ctx, documentId);
  const files = await deps.files.store.list(document.id, page);
  return { items: files.items.map((file) => fileView(file)), ...(files.nextToken === undefined ? {} : { nextToken: files.nextToken }) };
}

/** Every file of a document, page by page (a rule about a document's content must see all of it). */
export async function allFilesOf(deps: Pick<Dependencies, 'files'>, documentId: string): Promise<DocumentFile[]> {
  const files: DocumentFile[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.files.store.list(documentId, { limit: 100, ...(nextToken === undefined ? {} : { nextToken }) });
    files.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return files;
}
