import { dependencies } from '#adapters/dependencies';
import { listWebhookDeliveries } from '#app/webhooks/delivery-log';
import { listWebhookDeliveriesContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId}/webhook-deliveries */
export const handler = httpRoute(listWebhookDeliveriesContract, async ({ params, query, principal, correlationId, requestId }) => {
  const page = await listWebhookDeliveries(dependencies(), { principal, correlationId, requestId }, params.organId, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
