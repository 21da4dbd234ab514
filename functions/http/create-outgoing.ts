import { createDraft } from '#app/documents/outgoing-workflow';
import { createOutgoingContract } from '#http/operations/create-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';

/** POST /documents/outgoing */
export const handler = httpRoute(createOutgoingContract, { clock, documents, ids }, ({ deps, body, principal, correlationId, requestId }) =>
  createDraft(deps, { principal, correlationId, requestId }, body),
);
