import { getAgency } from '#app/agencies/directory';
import { getAgencyContract } from '#http/operations/get-agency';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';

/** GET /agencies/{organId} */
export const handler = httpRoute(getAgencyContract, { agencies, clock }, ({ deps, params, principal, correlationId, requestId }) =>
  getAgency(deps, { principal, correlationId, requestId }, params.organId),
);
