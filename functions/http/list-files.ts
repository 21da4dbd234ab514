import { listFiles } from '#app/files/read-files';
import { listFilesContract } from '#http/operations/list-files';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';

/** GET /documents/{id}/files */
export const handler = httpRoute(listFilesContract, { clock, documents, files }, async ({ deps, params, query, principal, correlationId, requestId }) => {
  const page = await listFiles(deps, { principal, correlationId, requestId }, params.id, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
