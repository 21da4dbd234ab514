import { dependencies } from '#adapters/dependencies';
import { submitOutgoing } from '#app/documents/outgoing-workflow';
import { submitContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/submit */
export const handler = httpRoute(submitContract, ({ params, principal, correlationId, requestId }) => submitOutgoing(dependencies(), { principal, correlationId, requestId }, params.id));
