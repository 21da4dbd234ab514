import { dependencies } from '#adapters/dependencies';
import { approveOutgoing } from '#app/documents/outgoing-workflow';
import { approveContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/approve */
export const handler = httpRoute(approveContract, ({ params, principal, correlationId, requestId }) => approveOutgoing(dependencies(), { principal, correlationId, requestId }, params.id));
