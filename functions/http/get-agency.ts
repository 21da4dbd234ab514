import { dependencies } from '#adapters/dependencies';
import { getAgency } from '#app/agencies/directory';
import { getAgencyContract } from '#http/contracts/agencies';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId} */
export const handler = httpRoute(getAgencyContract, ({ params, principal, correlationId, requestId }) => getAgency(dependencies(), { principal, correlationId, requestId }, params.organId));
