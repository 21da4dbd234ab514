import { dependencies } from '#adapters/dependencies';
import { decideRequest } from '#app/axis/requests';
import { decideRequestContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/request-decision */
export const handler = httpRoute(decideRequestContract, ({ params, body, principal, correlationId, requestId }) => decideRequest(dependencies(), { principal, correlationId, requestId }, params.id, body));
