import { assignIncoming } from '#app/documents/incoming-workflow';
import { assignContract } from '#http/operations/assign-incoming';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/assignments */
export const handler = httpRoute(assignContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  assignIncoming(deps, { principal, correlationId, requestId }, params.id, body),
);
