import { getHistory } from '#app/documents/read-documents';
import { documentHistoryContract } from '#http/operations/document-history';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';

/** GET /documents/{id}/history */
export const handler = httpRoute(documentHistoryContract, { clock, documents }, async ({ deps, params, principal, correlationId, requestId }) => ({
  items: [...(await getHistory(deps, { principal, correlationId, requestId }, params.id))],
}));
