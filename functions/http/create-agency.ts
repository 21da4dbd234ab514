import { createAgency } from '#app/agencies/directory';
import { createAgencyContract } from '#http/operations/create-agency';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';

/** POST /agencies */
export const handler = httpRoute(createAgencyContract, { agencies, clock }, ({ deps, body, principal, correlationId, requestId }) =>
  createAgency(deps, { principal, correlationId, requestId }, body),
);
