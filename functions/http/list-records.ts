import { dependencies } from '#adapters/dependencies';
import { listRecords } from '#app/records/read-records';
import { listRecordsContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** GET /records */
export const handler = httpRoute(listRecordsContract, async ({ query, principal, correlationId, requestId }) => {
  const page = await listRecords(dependencies(), { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
