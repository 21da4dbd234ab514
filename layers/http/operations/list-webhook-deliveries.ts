import * as z from 'zod';
import { outboundDeliverySchema } from '#domain/webhook-keys/outbound';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const listWebhookDeliveriesContract = defineContract({
  operationId: 'listWebhookDeliveries',
  method: 'GET',
  path: '/agencies/{organId}/webhook-deliveries',
  tag: 'webhooks',
  summary: 'The outbound webhook log of an agency, newest first, with every attempt',
  auth: 'jwt',
  permission: 'webhook.deliveries',
  ports: ['agencies', 'clock', 'webhooks'],
  body: undefined,
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), nextToken: z.string().max(4096).optional() }),
  params: organParams,
  response: z.object({ items: z.array(outboundDeliverySchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [...adminErrors],
});
