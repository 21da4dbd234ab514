import { receiveWebhook } from '#app/webhooks/inbound';
import { receiveWebhookContract } from '#http/operations/receive-webhook';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { calendar } from '#adapters/ports/calendar';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { deliveries } from '#adapters/ports/deliveries';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { kpi } from '#adapters/ports/kpi';
import { webhooks } from '#adapters/ports/webhooks';

/** POST /webhooks/agencies/{organId}: verified over the raw body, so the contract parses no body. */
export const handler = httpRoute(
  receiveWebhookContract,
  { agencies, calendar, cityCode, clock, deliveries, documents, ids, kpi, outbox, queue, webhooks },
  async ({ deps, params, event, correlationId }) => {
    const result = await receiveWebhook(deps, {
      organId: params.organId,
      headers: event.headers ?? {},
      body: event.body,
      isBase64Encoded: event.isBase64Encoded ?? false,
      correlationId,
    });
    const headers = { 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': correlationId, ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) };
    return { $response: { statusCode: result.status, headers, body: JSON.stringify(result.body) } };
  },
);
