import { dependencies } from '#adapters/dependencies';
import { getAgency } from '#app/agencies/directory';
import { getAgencyContract } from '#http/contracts/agencies';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId} */
export const handler = httpRoute(getAgencyContract, ({ params, principal, correlationId }) => getAgency(dependencies(), { principal, correlationId }, params.organId));
