import { listDeliveries } from '#app/deliveries/read-deliveries';
import { listDeliveriesContract } from '#http/operations/list-deliveries';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { deliveries } from '#adapters/ports/deliveries';
import { documents } from '#adapters/ports/documents';

/** GET /documents/{id}/deliveries */
export const handler = httpRoute(listDeliveriesContract, { clock, deliveries, documents }, async ({ deps, params, principal, correlationId, requestId }) => {
  const { items } = await listDeliveries(deps, { principal, correlationId, requestId }, params.id);
  return { items: [...items] };
});
