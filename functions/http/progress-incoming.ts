import { progressIncoming } from '#app/documents/incoming-workflow';
import { progressContract } from '#http/operations/progress-incoming';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/progress */
export const handler = httpRoute(progressContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  progressIncoming(deps, { principal, correlationId, requestId }, params.id, body),
);
