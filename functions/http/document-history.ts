import { dependencies } from '#adapters/dependencies';
import { getHistory } from '#app/documents/read-documents';
import { documentHistoryContract } from '#http/contracts/documents';
import { httpRoute } from '#http/route';

/** GET /documents/{id}/history */
export const handler = httpRoute(documentHistoryContract, async ({ params, principal, correlationId, requestId }) => ({
  items: [...(await getHistory(dependencies(), { principal, correlationId, requestId }, params.id))],
}));
