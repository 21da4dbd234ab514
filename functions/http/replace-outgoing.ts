import { sendRequest } from '#app/axis/requests';
import { replaceContract } from '#http/operations/replace-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/replace */
export const handler = httpRoute(replaceContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  sendRequest(deps, { principal, correlationId, requestId }, params.id, 'replacement', body),
);
