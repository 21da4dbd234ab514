import { editDraft } from '#app/documents/outgoing-workflow';
import { editDraftContract } from '#http/operations/edit-draft';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';

/** PUT /documents/{id}/draft */
export const handler = httpRoute(editDraftContract, { clock, documents, files }, ({ deps, params, body, principal, correlationId, requestId }) =>
  editDraft(deps, { principal, correlationId, requestId }, params.id, body),
);
