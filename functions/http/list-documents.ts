import { dependencies } from '#adapters/dependencies';
import { listDocuments } from '#app/documents/read-documents';
import { listDocumentsContract } from '#http/contracts/documents';
import { httpRoute } from '#http/route';

/** GET /documents */
export const handler = httpRoute(listDocumentsContract, async ({ query, principal, correlationId, requestId }) => {
  const page = await listDocuments(dependencies(), { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
