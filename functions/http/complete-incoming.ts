import { completeIncoming } from '#app/documents/incoming-workflow';
import { completeContract } from '#http/operations/complete-incoming';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/complete */
export const handler = httpRoute(completeContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  completeIncoming(deps, { principal, correlationId, requestId }, params.id, body),
);
