import { registerIncoming } from '#app/documents/register-incoming';
import { registerIncomingContract } from '#http/operations/register-incoming';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/incoming */
export const handler = httpRoute(registerIncomingContract, { clock, documents, ids, outbox, queue }, ({ deps, body, principal, correlationId, requestId, idempotencyKey }) =>
  registerIncoming(deps, { principal, correlationId, requestId, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) }, body),
);
