import { approveOutgoing } from '#app/documents/outgoing-workflow';
import { approveContract } from '#http/operations/approve-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';

/** POST /documents/{id}/approve */
export const handler = httpRoute(approveContract, { clock, documents }, ({ deps, params, principal, correlationId, requestId }) =>
  approveOutgoing(deps, { principal, correlationId, requestId }, params.id),
);
