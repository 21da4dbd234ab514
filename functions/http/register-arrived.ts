import { registerArrived } from '#app/documents/arrivals';
import { registerArrivedContract } from '#http/operations/register-arrived';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/register */
export const handler = httpRoute(registerArrivedContract, { clock, documents, ids, outbox, queue }, ({ deps, params, principal, correlationId, requestId }) =>
  registerArrived(deps, { principal, correlationId, requestId }, params.id),
);
