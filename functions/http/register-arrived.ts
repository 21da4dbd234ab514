import { dependencies } from '#adapters/dependencies';
import { registerArrived } from '#app/documents/arrivals';
import { registerArrivedContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/register */
export const handler = httpRoute(registerArrivedContract, ({ params, principal, correlationId, requestId }) => registerArrived(dependencies(), { principal, correlationId, requestId }, params.id));
