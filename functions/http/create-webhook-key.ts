import { dependencies } from '#adapters/dependencies';
import { createWebhookKey } from '#app/webhooks/manage-keys';
import { createWebhookKeyContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** POST /agencies/{organId}/webhook-keys */
export const handler = httpRoute(createWebhookKeyContract, ({ params, body, principal, correlationId, requestId }) => createWebhookKey(dependencies(), { principal, correlationId, requestId }, params.organId, body));
