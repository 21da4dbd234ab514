import { dependencies } from '#adapters/dependencies';
import { getAgency } from '#app/agencies/directory';
import { agencyHistoryContract } from '#http/contracts/agencies';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId}/history */
export const handler = httpRoute(agencyHistoryContract, async ({ params, principal, correlationId, requestId }) => {
  const deps = dependencies();
  const unit = await getAgency(deps, { principal, correlationId, requestId }, params.organId);
  return { items: [...(await deps.agencies.history(unit.code102))] };
});
