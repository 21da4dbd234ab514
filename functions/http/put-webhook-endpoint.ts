import { registerEndpoint } from '#app/webhooks/endpoint';
import { putWebhookEndpointContract } from '#http/operations/put-webhook-endpoint';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { ids } from '#adapters/ports/ids';
import { webhooks } from '#adapters/ports/webhooks';

/** PUT /agencies/{organId}/webhook-endpoint */
export const handler = httpRoute(putWebhookEndpointContract, { agencies, cityCode, clock, ids, webhooks }, ({ deps, params, body, principal, correlationId, requestId }) =>
  registerEndpoint(deps, { principal, correlationId, requestId }, params.organId, body),
);
