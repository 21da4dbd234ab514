import { dependencies } from '#adapters/dependencies';
import { listAgencies } from '#app/agencies/directory';
import { listAgenciesContract } from '#http/contracts/agencies';
import { httpRoute } from '#http/route';

/** GET /agencies */
export const handler = httpRoute(listAgenciesContract, async ({ query, principal, correlationId, requestId }) => {
  const page = await listAgencies(dependencies(), { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
