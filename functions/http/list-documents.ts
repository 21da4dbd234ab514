import { listDocuments } from '#app/documents/read-documents';
import { listDocumentsContract } from '#http/operations/list-documents';
import { httpRoute } from '#http/route';
import { calendar } from '#adapters/ports/calendar';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';

/** GET /documents */
export const handler = httpRoute(listDocumentsContract, { calendar, clock, documents }, async ({ deps, query, principal, correlationId, requestId }) => {
  const page = await listDocuments(deps, { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
