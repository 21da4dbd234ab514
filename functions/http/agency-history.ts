import { getAgency } from '#app/agencies/directory';
import { agencyHistoryContract } from '#http/operations/agency-history';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';

/** GET /agencies/{organId}/history */
export const handler = httpRoute(agencyHistoryContract, { agencies, clock }, async ({ deps, params, principal, correlationId, requestId }) => {
  const unit = await getAgency(deps, { principal, correlationId, requestId }, params.organId);
  return { items: [...(await deps.agencies.history(unit.code102))] };
});
