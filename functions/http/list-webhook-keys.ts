import { dependencies } from '#adapters/dependencies';
import { listWebhookKeys } from '#app/webhooks/manage-keys';
import { listWebhookKeysContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId}/webhook-keys */
export const handler = httpRoute(listWebhookKeysContract, ({ params, principal, correlationId, requestId }) => listWebhookKeys(dependencies(), { principal, correlationId, requestId }, params.organId));
