import { dependencies } from '#adapters/dependencies';
import { sendRequest } from '#app/axis/requests';
import { replaceContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/replace */
export const handler = httpRoute(replaceContract, ({ params, body, principal, correlationId, requestId }) => sendRequest(dependencies(), { principal, correlationId, requestId }, params.id, 'replacement', body));
