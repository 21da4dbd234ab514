import { dependencies } from '#adapters/dependencies';
import { createAgency } from '#app/agencies/directory';
import { createAgencyContract } from '#http/contracts/agencies';
import { httpRoute } from '#http/route';

/** POST /agencies */
export const handler = httpRoute(createAgencyContract, ({ body, principal, correlationId, requestId }) => createAgency(dependencies(), { principal, correlationId, requestId }, body));
