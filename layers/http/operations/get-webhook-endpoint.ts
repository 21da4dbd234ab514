import { endpointViewSchema } from '#domain/webhook-keys/endpoint';
import { adminErrors, organParams } from '../contracts/webhooks.ts';
import { defineContract } from '../contract.ts';

export const getWebhookEndpointContract = defineContract({
  operationId: 'getWebhookEndpoint',
  method: 'GET',
  path: '/agencies/{organId}/webhook-endpoint',
  tag: 'webhooks',
  summary: "The agency's outbound webhook endpoint and whether it is disabled",
  auth: 'jwt',
  permission: 'webhook.endpoint',
  ports: ['agencies', 'cityCode', 'clock', 'ids', 'webhooks'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: endpointViewSchema,
  status: 200,
  errors: [...adminErrors],
});
