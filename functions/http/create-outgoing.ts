import { dependencies } from '#adapters/dependencies';
import { createDraft } from '#app/documents/outgoing-workflow';
import { createOutgoingContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** POST /documents/outgoing */
export const handler = httpRoute(createOutgoingContract, ({ body, principal, correlationId, requestId }) => createDraft(dependencies(), { principal, correlationId, requestId }, body));
