import * as z from 'zod';
import { endpointRequestSchema, endpointViewSchema } from '#domain/webhook-keys/endpoint';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const putWebhookEndpointContract = defineContract({
  operationId: 'putWebhookEndpoint',
  method: 'PUT',
  path: '/agencies/{organId}/webhook-endpoint',
  tag: 'webhooks',
  summary: 'Register or change the endpoint that receives signed document.status webhooks; the signing secret is returned once',
  description:
    'HTTPS only, to a public address: special-purpose addresses (loopback, private, link-local, NAT64, documentation, multicast…) are refused in the URL and again for every address the host resolves to when sending, which connects only to an address it checked; a failed attempt is logged as "the endpoint did not answer". Deliveries are signed v1 with the endpoint secret (separate from the inbound keys), retried with backoff for up to 24 h, and stop when the endpoint answers 410 (it is then disabled until registered again).',
  auth: 'jwt',
  permission: 'webhook.endpoint',
  ports: ['agencies', 'cityCode', 'clock', 'ids', 'webhooks'],
  grants: { secrets: 'encrypt' },
  body: endpointRequestSchema,
  query: undefined,
  params: organParams,
  response: z.object({ endpoint: endpointViewSchema, secret: z.string().optional().describe('whsec_ signing secret: when created or rotated only'), created: z.boolean() }),
  status: 200,
  errors: [...adminErrors, 409],
});
