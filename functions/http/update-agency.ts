import { updateAgency } from '#app/agencies/directory';
import { updateAgencyContract } from '#http/operations/update-agency';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';

/** PUT /agencies/{organId} */
export const handler = httpRoute(updateAgencyContract, { agencies, clock }, ({ deps, body, params, principal, correlationId, requestId }) =>
  updateAgency(deps, { principal, correlationId, requestId }, params.organId, body),
);
