import { closeRecord } from '#app/records/manage-records';
import { closeRecordContract } from '#http/operations/close-record';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { records } from '#adapters/ports/records';

/** POST /records/{id}/close */
export const handler = httpRoute(closeRecordContract, { clock, records }, ({ deps, params, principal, correlationId, requestId }) =>
  closeRecord(deps, { principal, correlationId, requestId }, params.id),
);
