import { dependencies } from '#adapters/dependencies';
import { listFiles } from '#app/files/read-files';
import { listFilesContract } from '#http/contracts/files';
import { httpRoute } from '#http/route';

/** GET /documents/{id}/files */
export const handler = httpRoute(listFilesContract, async ({ params, query, principal, correlationId, requestId }) => {
  const page = await listFiles(dependencies(), { principal, correlationId, requestId }, params.id, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
