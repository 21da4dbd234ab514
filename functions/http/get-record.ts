import { getRecord } from '#app/records/read-records';
import { getRecordContract } from '#http/operations/get-record';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { records } from '#adapters/ports/records';

/** GET /records/{id} */
export const handler = httpRoute(getRecordContract, { clock, documents, records }, async ({ deps, params, principal, correlationId, requestId }) => {
  const view = await getRecord(deps, { principal, correlationId, requestId }, params.id);
  return { ...view, documents: [...view.documents] };
});
