import { dependencies } from '#adapters/dependencies';
import { updateAgency } from '#app/agencies/directory';
import { updateAgencyContract } from '#http/contracts/agencies';
import { httpRoute } from '#http/route';

/** PUT /agencies/{organId} */
export const handler = httpRoute(updateAgencyContract, ({ body, params, principal, correlationId, requestId }) => updateAgency(dependencies(), { principal, correlationId, requestId }, params.organId, body));
