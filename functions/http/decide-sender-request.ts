import { decideRequest } from '#app/axis/requests';
import { decideRequestContract } from '#http/operations/decide-sender-request';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/request-decision */
export const handler = httpRoute(decideRequestContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  decideRequest(deps, { principal, correlationId, requestId }, params.id, body),
);
