import { returnIncoming } from '#app/documents/incoming-workflow';
import { returnContract } from '#http/operations/return-incoming';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/return */
export const handler = httpRoute(returnContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  returnIncoming(deps, { principal, correlationId, requestId }, params.id, body),
);
