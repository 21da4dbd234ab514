import { dependencies } from '#adapters/dependencies';
import { registerIncoming } from '#app/documents/register-incoming';
import { registerIncomingContract } from '#http/contracts/documents';
import { httpRoute } from '#http/route';

/** POST /documents/incoming */
export const handler = httpRoute(registerIncomingContract, ({ body, principal, correlationId, requestId, idempotencyKey }) =>
  registerIncoming(dependencies(), { principal, correlationId, requestId, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) }, body),
);
