import { dependencies } from '#adapters/dependencies';
import { assignIncoming } from '#app/documents/incoming-workflow';
import { assignContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/assignments */
export const handler = httpRoute(assignContract, ({ params, body, principal, correlationId, requestId }) => assignIncoming(dependencies(), { principal, correlationId, requestId }, params.id, body));
