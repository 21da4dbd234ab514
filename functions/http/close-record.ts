import { dependencies } from '#adapters/dependencies';
import { closeRecord } from '#app/records/manage-records';
import { closeRecordContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** POST /records/{id}/close */
export const handler = httpRoute(closeRecordContract, ({ params, principal, correlationId, requestId }) => closeRecord(dependencies(), { principal, correlationId, requestId }, params.id));
