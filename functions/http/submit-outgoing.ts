import { submitOutgoing } from '#app/documents/outgoing-workflow';
import { submitContract } from '#http/operations/submit-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';

/** POST /documents/{id}/submit */
export const handler = httpRoute(submitContract, { clock, documents }, ({ deps, params, principal, correlationId, requestId }) =>
  submitOutgoing(deps, { principal, correlationId, requestId }, params.id),
);
