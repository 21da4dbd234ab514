import { dependencies } from '#adapters/dependencies';
import { completeIncoming } from '#app/documents/incoming-workflow';
import { completeContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/complete */
export const handler = httpRoute(completeContract, ({ params, body, principal, correlationId, requestId }) => completeIncoming(dependencies(), { principal, correlationId, requestId }, params.id, body));
