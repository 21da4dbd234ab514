import { dependencies } from '#adapters/dependencies';
import { progressIncoming } from '#app/documents/incoming-workflow';
import { progressContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/progress */
export const handler = httpRoute(progressContract, ({ params, body, principal, correlationId, requestId }) => progressIncoming(dependencies(), { principal, correlationId, requestId }, params.id, body));
