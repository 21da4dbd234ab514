import { dependencies } from '#adapters/dependencies';
import { sendRequest } from '#app/axis/requests';
import { revokeContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/revoke */
export const handler = httpRoute(revokeContract, ({ params, body, principal, correlationId, requestId }) => sendRequest(dependencies(), { principal, correlationId, requestId }, params.id, 'revocation', body));
