import { assignIncoming } from '#app/documents/incoming-workflow';
import { assignContract } from '#http/operations/assign-incoming';
import { httpRoute } from '#http/route';
import { calendar } from '#adapters/ports/calendar';
import { clock } from '#adapters/ports/clock';
import { directory } from '#adapters/ports/directory';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/assignments */
export const handler = httpRoute(assignContract, { calendar, clock, directory, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  assignIncoming(deps, { principal, correlationId, requestId }, params.id, body),
);
