import { revokeWebhookKey } from '#app/webhooks/manage-keys';
import { revokeWebhookKeyContract } from '#http/operations/revoke-webhook-key';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { ids } from '#adapters/ports/ids';
import { webhooks } from '#adapters/ports/webhooks';

/** POST /agencies/{organId}/webhook-keys/{keyId}/revoke */
export const handler = httpRoute(revokeWebhookKeyContract, { agencies, cityCode, clock, ids, webhooks }, ({ deps, params, principal, correlationId, requestId }) =>
  revokeWebhookKey(deps, { principal, correlationId, requestId }, params.organId, params.keyId),
);
