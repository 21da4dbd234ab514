import * as z from 'zod';
import { webhookKeyViewSchema } from '#domain/webhook-keys/key';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const listWebhookKeysContract = defineContract({
  operationId: 'listWebhookKeys',
  method: 'GET',
  path: '/agencies/{organId}/webhook-keys',
  tag: 'webhooks',
  summary: "An agency's webhook keys, active and revoked (never a secret)",
  auth: 'jwt',
  permission: 'webhook.keys',
  ports: ['agencies', 'cityCode', 'clock', 'ids', 'webhooks'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: z.object({ items: z.array(webhookKeyViewSchema) }),
  status: 200,
  errors: [...adminErrors],
});
