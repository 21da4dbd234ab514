import { listAgencies } from '#app/agencies/directory';
import { listAgenciesContract } from '#http/operations/list-agencies';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';

/** GET /agencies */
export const handler = httpRoute(listAgenciesContract, { agencies, clock }, async ({ deps, query, principal, correlationId, requestId }) => {
  const page = await listAgencies(deps, { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
