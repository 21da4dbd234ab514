import { listRecords } from '#app/records/read-records';
import { listRecordsContract } from '#http/operations/list-records';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { records } from '#adapters/ports/records';

/** GET /records */
export const handler = httpRoute(listRecordsContract, { clock, records }, async ({ deps, query, principal, correlationId, requestId }) => {
  const page = await listRecords(deps, { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
