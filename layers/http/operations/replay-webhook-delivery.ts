import * as z from 'zod';
import { outboundDeliverySchema } from '#domain/webhook-keys/outbound';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const replayWebhookDeliveryContract = defineContract({
  operationId: 'replayWebhookDelivery',
  method: 'POST',
  path: '/agencies/{organId}/webhook-deliveries/{id}/replay',
  tag: 'webhooks',
  summary: 'Send a delivered or failed webhook again (same webhook-id and body, a fresh retry window)',
  auth: 'jwt',
  permission: 'webhook.deliveries',
  ports: ['agencies', 'clock', 'webhooks'],
  sends: ['webhookOutbox'],
  body: undefined,
  query: undefined,
  params: organParams.extend({ id: z.string().min(1).max(256) }),
  response: outboundDeliverySchema,
  status: 202,
  errors: [...adminErrors, 409],
});
