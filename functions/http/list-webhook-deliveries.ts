import { listWebhookDeliveries } from '#app/webhooks/delivery-log';
import { listWebhookDeliveriesContract } from '#http/operations/list-webhook-deliveries';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';
import { webhooks } from '#adapters/ports/webhooks';

/** GET /agencies/{organId}/webhook-deliveries */
export const handler = httpRoute(listWebhookDeliveriesContract, { agencies, clock, webhooks }, async ({ deps, params, query, principal, correlationId, requestId }) => {
  const page = await listWebhookDeliveries(deps, { principal, correlationId, requestId }, params.organId, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
