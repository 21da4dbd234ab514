import { createRecord } from '#app/records/manage-records';
import { createRecordContract } from '#http/operations/create-record';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { ids } from '#adapters/ports/ids';
import { records } from '#adapters/ports/records';

/** POST /records */
export const handler = httpRoute(createRecordContract, { clock, ids, records }, ({ deps, body, principal, correlationId, requestId }) =>
  createRecord(deps, { principal, correlationId, requestId }, body),
);
