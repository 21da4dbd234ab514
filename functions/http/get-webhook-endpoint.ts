import { readEndpoint } from '#app/webhooks/endpoint';
import { getWebhookEndpointContract } from '#http/operations/get-webhook-endpoint';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { ids } from '#adapters/ports/ids';
import { webhooks } from '#adapters/ports/webhooks';

/** GET /agencies/{organId}/webhook-endpoint */
export const handler = httpRoute(getWebhookEndpointContract, { agencies, cityCode, clock, ids, webhooks }, ({ deps, params, principal, correlationId, requestId }) =>
  readEndpoint(deps, { principal, correlationId, requestId }, params.organId),
);
