import { sendRequest } from '#app/axis/requests';
import { revokeContract } from '#http/operations/revoke-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/revoke */
export const handler = httpRoute(revokeContract, { clock, documents, ids, outbox, queue }, ({ deps, params, body, principal, correlationId, requestId }) =>
  sendRequest(deps, { principal, correlationId, requestId }, params.id, 'revocation', body),
);
