import { dependencies } from '#adapters/dependencies';
import { readEndpoint } from '#app/webhooks/endpoint';
import { getWebhookEndpointContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId}/webhook-endpoint */
export const handler = httpRoute(getWebhookEndpointContract, ({ params, principal, correlationId, requestId }) => readEndpoint(dependencies(), { principal, correlationId, requestId }, params.organId));
