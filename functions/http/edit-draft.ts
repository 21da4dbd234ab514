import { dependencies } from '#adapters/dependencies';
import { editDraft } from '#app/documents/outgoing-workflow';
import { editDraftContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** PUT /documents/{id}/draft */
export const handler = httpRoute(editDraftContract, ({ params, body, principal, correlationId, requestId }) => editDraft(dependencies(), { principal, correlationId, requestId }, params.id, body));
