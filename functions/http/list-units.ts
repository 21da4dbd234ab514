import { listUnits } from '#app/people/directory';
import { listUnitsContract } from '#http/operations/list-units';
import { httpRoute } from '#http/route';
import { directory } from '#adapters/ports/directory';

/** GET /agencies/{organId}/units */
export const handler = httpRoute(listUnitsContract, { directory }, async ({ deps, params, principal, correlationId, requestId }) => ({
  items: [...(await listUnits(deps, { principal, correlationId, requestId }, params.organId))],
}));
