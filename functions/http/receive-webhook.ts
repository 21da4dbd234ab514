import { dependencies } from '#adapters/dependencies';
import { receiveWebhook } from '#app/webhooks/inbound';
import { receiveWebhookContract } from '#http/contracts/webhooks';
import { httpRoute } from '#http/route';

/** POST /webhooks/agencies/{organId}: verified over the raw body, so the contract parses no body. */
export const handler = httpRoute(receiveWebhookContract, async ({ params, event, correlationId }) => {
  const result = await receiveWebhook(dependencies(), { organId: params.organId, headers: event.headers ?? {}, body: event.body, isBase64Encoded: event.isBase64Encoded ?? false, correlationId });
  const headers = { 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': correlationId, ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) };
  return { $response: { statusCode: result.status, headers, body: JSON.stringify(result.body) } };
});
