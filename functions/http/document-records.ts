import { dependencies } from '#adapters/dependencies';
import { recordsOfDocument } from '#app/records/read-records';
import { documentRecordsContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** GET /documents/{id}/records */
export const handler = httpRoute(documentRecordsContract, async ({ params, principal, correlationId, requestId }) => ({
  items: [...(await recordsOfDocument(dependencies(), { principal, correlationId, requestId }, params.id))],
}));
