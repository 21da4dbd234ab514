import { completeSignature } from '#app/signing/complete';
import { completeSignatureContract } from '#http/operations/complete-signature';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { signing } from '#adapters/ports/signing';

/** POST /documents/{id}/signatures/{signingId}/complete */
export const handler = httpRoute(
  completeSignatureContract,
  { clock, documents, files, ids, outbox, queue, signing },
  ({ deps, params, body, principal, correlationId, requestId }) => completeSignature(deps, { principal, correlationId, requestId }, params.id, params.signingId, body),
);
