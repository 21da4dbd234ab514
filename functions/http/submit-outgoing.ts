import { submitOutgoing } from '#app/documents/outgoing-workflow';
import { submitContract } from '#http/operations/submit-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';

/** POST /documents/{id}/submit */
export const handler = httpRoute(submitContract, { clock, documents, ids, outbox, queue }, ({ deps, params, principal, correlationId, requestId }) =>
  submitOutgoing(deps, { principal, correlationId, requestId }, params.id),
);
