import { dependencies } from '#adapters/dependencies';
import { rejectOutgoing } from '#app/documents/outgoing-workflow';
import { rejectContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/reject */
export const handler = httpRoute(rejectContract, ({ params, body, principal, correlationId, requestId }) => rejectOutgoing(dependencies(), { principal, correlationId, requestId }, params.id, body.reason));
