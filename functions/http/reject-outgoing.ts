import { rejectOutgoing } from '#app/documents/outgoing-workflow';
import { rejectContract } from '#http/operations/reject-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/reject */
export const handler = httpRoute(rejectContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  rejectOutgoing(deps, { principal, correlationId, requestId }, params.id, body.reason),
);
