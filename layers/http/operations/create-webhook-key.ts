import * as z from 'zod';
import { newWebhookKeySchema, webhookKeyViewSchema } from '#domain/webhook-keys/key';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const createWebhookKeyContract = defineContract({
  operationId: 'createWebhookKey',
  method: 'POST',
  path: '/agencies/{organId}/webhook-keys',
  tag: 'webhooks',
  summary: "Register a key for an agency's inbound webhooks: a new whsec_ secret (returned once) or its Ed25519 public key",
  description:
    'For agencies outside the city only (a city agency is 422 city-agency). Rotation: create the new key, then revoke the old one; at most 5 active keys. Secrets are stored encrypted (KMS) and never shown again.',
  auth: 'jwt',
  permission: 'webhook.keys',
  ports: ['agencies', 'cityCode', 'clock', 'ids', 'webhooks'],
  grants: { secrets: 'encrypt' },
  body: newWebhookKeySchema,
  query: undefined,
  params: organParams,
  response: z.object({ key: webhookKeyViewSchema, secret: z.string().optional().describe('the whsec_ secret; shown only in this response') }),
  status: 201,
  errors: [...adminErrors, 409, 422],
});
