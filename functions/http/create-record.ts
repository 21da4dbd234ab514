import { dependencies } from '#adapters/dependencies';
import { createRecord } from '#app/records/manage-records';
import { createRecordContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** POST /records */
export const handler = httpRoute(createRecordContract, ({ body, principal, correlationId, requestId }) => createRecord(dependencies(), { principal, correlationId, requestId }, body));
