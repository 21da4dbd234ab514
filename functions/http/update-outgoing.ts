import { dependencies } from '#adapters/dependencies';
import { sendRequest } from '#app/axis/requests';
import { updateContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/update */
export const handler = httpRoute(updateContract, ({ params, body, principal, correlationId, requestId }) => sendRequest(dependencies(), { principal, correlationId, requestId }, params.id, 'update', body));
