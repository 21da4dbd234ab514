import * as z from 'zod';
import { webhookKeyViewSchema } from '#domain/webhook-keys/key';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const revokeWebhookKeyContract = defineContract({
  operationId: 'revokeWebhookKey',
  method: 'POST',
  path: '/agencies/{organId}/webhook-keys/{keyId}/revoke',
  tag: 'webhooks',
  summary: 'Revoke a webhook key at once (deliveries signed only with it are refused from now on)',
  auth: 'jwt',
  permission: 'webhook.keys',
  ports: ['agencies', 'cityCode', 'clock', 'ids', 'webhooks'],
  body: undefined,
  query: undefined,
  params: organParams.extend({ keyId: z.string().regex(/^key_[0-9A-Z]{26}$/, 'expected a key id (key_…)') }),
  response: webhookKeyViewSchema,
  status: 200,
  errors: [...adminErrors],
});
