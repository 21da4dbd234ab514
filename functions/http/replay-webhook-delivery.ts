import { replayWebhookDelivery } from '#app/webhooks/delivery-log';
import { replayWebhookDeliveryContract } from '#http/operations/replay-webhook-delivery';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';
import { webhooks } from '#adapters/ports/webhooks';

/** POST /agencies/{organId}/webhook-deliveries/{id}/replay */
export const handler = httpRoute(replayWebhookDeliveryContract, { agencies, clock, webhooks }, ({ deps, params, principal, correlationId, requestId }) =>
  replayWebhookDelivery(deps, { principal, correlationId, requestId }, params.organId, params.id),
);
