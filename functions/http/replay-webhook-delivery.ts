import { dependencies } from '#adapters/dependencies';
import { replayWebhookDelivery } from '#app/webhooks/delivery-log';
import { replayWebhookDeliveryContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** POST /agencies/{organId}/webhook-deliveries/{id}/replay */
export const handler = httpRoute(replayWebhookDeliveryContract, ({ params, principal, correlationId, requestId }) => replayWebhookDelivery(dependencies(), { principal, correlationId, requestId }, params.organId, params.id));
