import { approveOutgoing } from '#app/documents/outgoing-workflow';
import { approveContract } from '#http/operations/approve-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/approve */
export const handler = httpRoute(approveContract, { clock, documents, ids, outbox, queue }, ({ deps, params, principal, correlationId, requestId }) =>
  approveOutgoing(deps, { principal, correlationId, requestId }, params.id),
);
