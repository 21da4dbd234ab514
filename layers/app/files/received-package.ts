import { isSecret } from '#domain/documents/document';
import { NotFoundError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { getDocument } from '../documents/read-documents.ts';
import { DOWNLOAD_URL_SECONDS } from './read-files.ts';

export interface ReceivedPackageView {
  readonly documentId: string;
  /** The axis's id of the package, as it was fetched. */
  readonly axisDocId: string;
  readonly fromOrganId?: string;
  readonly sha256: string;
  readonly size: number;
  readonly downloadUrl?: string;
  readonly downloadExpiresAt?: string;
}

/**
 * The edXML package an incoming document arrived in, exactly as the axis delivered it (its signature and
 * every element vanthu does not model included): the record of the receipt. A presigned download of those
 * bytes, never of a rebuild; none for a secret document.
 *
 * @throws {NotFoundError} when the document did not arrive through the axis (nothing was kept as a package).
 */
export async function getReceivedPackage(deps: Dependencies, ctx: RequestContext, documentId: string): Promise<ReceivedPackageView> {
  authorize(ctx.principal, 'file.read');
  const document = await getDocument(deps, ctx, documentId);
  const source = document.direction === 'incoming' ? document.source : undefined;
  if (source?.package === undefined) {
    throw new NotFoundError(`Văn bản ${documentId} không nhận qua trục liên thông nên không có gói tin gốc.`, { details: { documentId } });
  }
  const view: ReceivedPackageView = {
    documentId: document.id,
    axisDocId: source.externalId,
    ...(source.fromOrganId === undefined ? {} : { fromOrganId: source.fromOrganId }),
    sha256: source.package.sha256,
    size: source.package.size,
  };
  if (isSecret(document)) return view;
  const download = await deps.files.content.presignDownload({
    key: source.package.key,
    // The version written on receipt: exactly the bytes the axis delivered, whatever happened to the key since.
    ...(source.package.versionId === undefined ? {} : { versionId: source.package.versionId }),
    fileName: `${source.externalId}.edxml`,
    contentType: 'application/xml',
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
    now: deps.clock.now(),
  });
  return { ...view, downloadUrl: download.url, downloadExpiresAt: download.expiresAt };
}
