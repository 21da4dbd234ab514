import { dependencies } from '#adapters/dependencies';
import { listDeliveries } from '#app/deliveries/read-deliveries';
import { listDeliveriesContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** GET /documents/{id}/deliveries */
export const handler = httpRoute(listDeliveriesContract, async ({ params, principal, correlationId, requestId }) => {
  const { items } = await listDeliveries(dependencies(), { principal, correlationId, requestId }, params.id);
  return { items: [...items] };
});
