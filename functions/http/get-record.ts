import { dependencies } from '#adapters/dependencies';
import { getRecord } from '#app/records/read-records';
import { getRecordContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** GET /records/{id} */
export const handler = httpRoute(getRecordContract, async ({ params, principal, correlationId, requestId }) => {
  const view = await getRecord(dependencies(), { principal, correlationId, requestId }, params.id);
  return { ...view, documents: [...view.documents] };
});
