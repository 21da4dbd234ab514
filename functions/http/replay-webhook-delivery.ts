import { dependencies } from '#adapters/dependencies';
import { replayWebhookDelivery } from '#app/webhooks/delivery-log';
import { replayWebhookDeliveryContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** POST /agencies/{organId}/webhook-deliveries/{id}/replay */
export const handler = httpRoute(replayWebhookDeliveryContract, ({ params, principal, correlationId }) => replayWebhookDelivery(dependencies(), { principal, correlationId }, params.organId, params.id));
