import { listWebhookKeys } from '#app/webhooks/manage-keys';
import { listWebhookKeysContract } from '#http/operations/list-webhook-keys';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { ids } from '#adapters/ports/ids';
import { webhooks } from '#adapters/ports/webhooks';

/** GET /agencies/{organId}/webhook-keys */
export const handler = httpRoute(listWebhookKeysContract, { agencies, cityCode, clock, ids, webhooks }, ({ deps, params, principal, correlationId, requestId }) =>
  listWebhookKeys(deps, { principal, correlationId, requestId }, params.organId),
);
