import { dependencies } from '#adapters/dependencies';
import { returnIncoming } from '#app/documents/incoming-workflow';
import { returnContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/return */
export const handler = httpRoute(returnContract, ({ params, body, principal, correlationId, requestId }) => returnIncoming(dependencies(), { principal, correlationId, requestId }, params.id, body));
