import { dependencies } from '#adapters/dependencies';
import { registerEndpoint } from '#app/webhooks/endpoint';
import { putWebhookEndpointContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** PUT /agencies/{organId}/webhook-endpoint */
export const handler = httpRoute(putWebhookEndpointContract, ({ params, body, principal, correlationId, requestId }) => registerEndpoint(dependencies(), { principal, correlationId, requestId }, params.organId, body));
