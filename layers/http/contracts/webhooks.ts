import { z } from 'zod';
import { deliverySchema } from '#domain/deliveries/delivery';
import { endpointRequestSchema, endpointViewSchema } from '#domain/webhook-keys/endpoint';
import { newWebhookKeySchema, webhookKeyViewSchema } from '#domain/webhook-keys/key';
import { outboundDeliverySchema } from '#domain/webhook-keys/outbound';
import type { RouteContract } from '../contract.ts';
import { defineContract } from '../contract.ts';
import { documentIdParams } from './documents.ts';

const organParams = z.object({ organId: z.string().trim().min(1).max(20).describe('agency code, either notation (000.00.00.G12 or G12)') });
const admins = ['admin', 'city-admin'] as const;
const adminErrors = [400, 401, 403, 404] as const;

export const receiveWebhookContract = defineContract({
  operationId: 'receiveWebhook',
  method: 'POST',
  path: '/webhooks/agencies/{organId}',
  tag: 'webhooks',
  summary: 'A signed delivery from an external agency (Standard Webhooks): document.sent or document.status',
  description: [
    'Headers webhook-id, webhook-timestamp (Unix seconds, ±300 s) and webhook-signature ("v1,<HMAC-SHA256>" with a whsec_ secret',
    'or "v1a,<Ed25519>" with a registered public key; several space-separated during a key rotation) over "{id}.{timestamp}.{raw body}".',
    'Body (≤ 5 MB, JSON): {"type": "document.sent", "data": {"to": [organId], "edxml": "<package XML or base64>"}} or',
    '{"type": "document.sent", "data": {"to": [...], "document": <the JSON edXML model>}} or',
    '{"type": "document.status", "data": {"documentId": "OrganId,YYYY/MM/DD,Number/Notation", "from": organId, "statusCode": "01"…"16", "description"?, "timestamp"}}.',
    'webhook-id is the idempotency key: the same id and body again returns the first response (header Idempotent-Replayed: true); another body is 409.',
    'For agencies outside the city only: a delivery whose sender, From or from is a city agency is refused (422 city-sender), whatever key signed it.',
  ].join(' '),
  auth: 'signed',
  body: undefined,
  query: undefined,
  params: organParams,
  response: z.object({
    received: z.literal(true),
    type: z.enum(['document.sent', 'document.status']),
    documents: z.array(z.object({ id: z.string(), organId: z.string() })).optional().describe('document.sent: the arrived document (01) created in each addressed agency'),
    documentId: z.string().optional(),
    statusCode: z.string().optional(),
    deliveryStatus: z.string().optional().describe('document.status: the delivery status after the ordering rule'),
    outcome: z.enum(['moved', 'recorded', 'duplicate']).optional(),
  }),
  status: 202,
  errors: [400, 401, 409, 413, 422],
});

export const createWebhookKeyContract = defineContract({
  operationId: 'createWebhookKey',
  method: 'POST',
  path: '/agencies/{organId}/webhook-keys',
  tag: 'webhooks',
  summary: "Register a key for an agency's inbound webhooks: a new whsec_ secret (returned once) or its Ed25519 public key",
  description: 'For agencies outside the city only (a city agency is 422 city-agency). Rotation: create the new key, then revoke the old one; at most 5 active keys. Secrets are stored encrypted (KMS) and never shown again.',
  auth: 'jwt',
  roles: [...admins],
  body: newWebhookKeySchema,
  query: undefined,
  params: organParams,
  response: z.object({ key: webhookKeyViewSchema, secret: z.string().optional().describe('the whsec_ secret; shown only in this response') }),
  status: 201,
  errors: [...adminErrors, 409, 422],
});

export const listWebhookKeysContract = defineContract({
  operationId: 'listWebhookKeys',
  method: 'GET',
  path: '/agencies/{organId}/webhook-keys',
  tag: 'webhooks',
  summary: "An agency's webhook keys, active and revoked (never a secret)",
  auth: 'jwt',
  roles: [...admins],
  body: undefined,
  query: undefined,
  params: organParams,
  response: z.object({ items: z.array(webhookKeyViewSchema) }),
  status: 200,
  errors: [...adminErrors],
});

export const revokeWebhookKeyContract = defineContract({
  operationId: 'revokeWebhookKey',
  method: 'POST',
  path: '/agencies/{organId}/webhook-keys/{keyId}/revoke',
  tag: 'webhooks',
  summary: 'Revoke a webhook key at once (deliveries signed only with it are refused from now on)',
  auth: 'jwt',
  roles: [...admins],
  body: undefined,
  query: undefined,
  params: organParams.extend({ keyId: z.string().regex(/^key_[0-9A-Z]{26}$/, 'expected a key id (key_…)') }),
  response: webhookKeyViewSchema,
  status: 200,
  errors: [...adminErrors],
});

export const putWebhookEndpointContract = defineContract({
  operationId: 'putWebhookEndpoint',
  method: 'PUT',
  path: '/agencies/{organId}/webhook-endpoint',
  tag: 'webhooks',
  summary: 'Register or change the endpoint that receives signed document.status webhooks; the signing secret is returned once',
  description: 'HTTPS only, to a public address: special-purpose addresses (loopback, private, link-local, NAT64, documentation, multicast…) are refused in the URL and again for every address the host resolves to when sending, which connects only to an address it checked; a failed attempt is logged as "the endpoint did not answer". Deliveries are signed v1 with the endpoint secret (separate from the inbound keys), retried with backoff for up to 24 h, and stop when the endpoint answers 410 (it is then disabled until registered again).',
  auth: 'jwt',
  roles: [...admins],
  body: endpointRequestSchema,
  query: undefined,
  params: organParams,
  response: z.object({ endpoint: endpointViewSchema, secret: z.string().optional().describe('whsec_ signing secret: when created or rotated only'), created: z.boolean() }),
  status: 200,
  errors: [...adminErrors, 409],
});

export const getWebhookEndpointContract = defineContract({
  operationId: 'getWebhookEndpoint',
  method: 'GET',
  path: '/agencies/{organId}/webhook-endpoint',
  tag: 'webhooks',
  summary: "The agency's outbound webhook endpoint and whether it is disabled",
  auth: 'jwt',
  roles: [...admins],
  body: undefined,
  query: undefined,
  params: organParams,
  response: endpointViewSchema,
  status: 200,
  errors: [...adminErrors],
});

export const listWebhookDeliveriesContract = defineContract({
  operationId: 'listWebhookDeliveries',
  method: 'GET',
  path: '/agencies/{organId}/webhook-deliveries',
  tag: 'webhooks',
  summary: 'The outbound webhook log of an agency, newest first, with every attempt',
  auth: 'jwt',
  roles: [...admins],
  body: undefined,
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), nextToken: z.string().max(4096).optional() }),
  params: organParams,
  response: z.object({ items: z.array(outboundDeliverySchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [...adminErrors],
});

export const replayWebhookDeliveryContract = defineContract({
  operationId: 'replayWebhookDelivery',
  method: 'POST',
  path: '/agencies/{organId}/webhook-deliveries/{id}/replay',
  tag: 'webhooks',
  summary: 'Send a delivered or failed webhook again (same webhook-id and body, a fresh retry window)',
  auth: 'jwt',
  roles: [...admins],
  body: undefined,
  query: undefined,
  params: organParams.extend({ id: z.string().min(1).max(256) }),
  response: outboundDeliverySchema,
  status: 202,
  errors: [...adminErrors, 409],
});

export const listDeliveriesContract = defineContract({
  operationId: 'listDeliveries',
  method: 'GET',
  path: '/documents/{id}/deliveries',
  tag: 'documents',
  summary: 'Per-recipient delivery status of a document of your agency (01–06, 02 with reason, 13/15/16) and its history',
  auth: 'jwt',
  roles: ['clerk', 'leader', 'specialist', 'admin'],
  body: undefined,
  query: undefined,
  params: documentIdParams,
  response: z.object({ items: z.array(deliverySchema) }),
  status: 200,
  errors: [401, 403, 404],
});

/** The contracts of the webhooks area, in OpenAPI order. */
export const webhookContracts: readonly RouteContract[] = [
  receiveWebhookContract,
  createWebhookKeyContract,
  listWebhookKeysContract,
  revokeWebhookKeyContract,
  putWebhookEndpointContract,
  getWebhookEndpointContract,
  listWebhookDeliveriesContract,
  replayWebhookDeliveryContract,
  listDeliveriesContract,
];
