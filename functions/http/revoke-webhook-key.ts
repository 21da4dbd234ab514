import { dependencies } from '#adapters/dependencies';
import { revokeWebhookKey } from '#app/webhooks/manage-keys';
import { revokeWebhookKeyContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** POST /agencies/{organId}/webhook-keys/{keyId}/revoke */
export const handler = httpRoute(revokeWebhookKeyContract, ({ params, principal, correlationId, requestId }) => revokeWebhookKey(dependencies(), { principal, correlationId, requestId }, params.organId, params.keyId));
