import { dependencies } from '#adapters/dependencies';
import { issueOutgoing } from '#app/documents/issue';
import { issueContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/issue */
export const handler = httpRoute(issueContract, ({ params, body, principal, correlationId, requestId }) => issueOutgoing(dependencies(), { principal, correlationId, requestId }, params.id, body ?? {}));
