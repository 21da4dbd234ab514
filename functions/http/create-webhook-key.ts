import { createWebhookKey } from '#app/webhooks/manage-keys';
import { createWebhookKeyContract } from '#http/operations/create-webhook-key';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { ids } from '#adapters/ports/ids';
import { webhooks } from '#adapters/ports/webhooks';

/** POST /agencies/{organId}/webhook-keys */
export const handler = httpRoute(createWebhookKeyContract, { agencies, cityCode, clock, ids, webhooks }, ({ deps, params, body, principal, correlationId, requestId }) =>
  createWebhookKey(deps, { principal, correlationId, requestId }, params.organId, body),
);
