import * as z from 'zod';
import { envelopeSchema } from '#app/webhooks/envelope';
import { deliverySchema } from '#domain/deliveries/delivery';
import { endpointRequestSchema, endpointViewSchema } from '#domain/webhook-keys/endpoint';
import { newWebhookKeySchema, webhookKeyViewSchema } from '#domain/webhook-keys/key';
import { outboundDeliverySchema } from '#domain/webhook-keys/outbound';
import type { RouteContract } from '../contract.ts';
import { defineContract } from '../contract.ts';
import { documentIdParams } from './documents.ts';

const organParams = z.object({ organId: z.string().trim().min(1).max(20).describe('agency code, either notation (000.00.00.G12 or G12)') });
const adminErrors = [400, 401, 403, 404] as const;

/**
 * The Standard Webhooks headers of an inbound delivery, as layers/webhooks/headers.ts and verify.ts check
 * them (the use case reads them, the route does not): documented as header parameters. The patterns are the
 * reader's syntax rules; a known version's signature must also be the padded base64 of 32 (v1) or 64 (v1a) bytes.
 */
export const webhookHeadersSchema = z.object({
  'webhook-id': z
    .string()
    .regex(/^[\x21-\x2d\x2f-\x7e]{1,256}$/)
    .describe('The message id: 1–256 visible ASCII characters, no spaces or ".". It is the idempotency key: keep it when retrying the same bytes (the first answer comes back with Idempotent-Replayed: true), use a new one for a new message (another body under a used id is 422 idempotency-key-reused).')
    .meta({ examples: ['msg_2KWPBgLlAfxdpx2AI54pPJ85f4W'] }),
  'webhook-timestamp': z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .describe('When the message was signed: Unix time in whole seconds, digits only; refused (401) more than 300 s away from the server clock.')
    .meta({ examples: ['1795662900'] }),
  'webhook-signature': z
    .string()
    .regex(/^ *[^ ,]+,[^ ]*( +[^ ,]+,[^ ]*){0,9} *$/)
    .describe(
      'Space-separated signatures (at most 10) of "{webhook-id}.{webhook-timestamp}.{raw body}": "v1,<base64 HMAC-SHA256>" with a whsec_ secret of the agency, "v1a,<base64 Ed25519>" with its registered public key. During a key rotation send one per key; entries of other versions are ignored. One must match an active key of the agency in the path.',
    )
    .meta({ examples: ['v1,YatlwtUgkbFKVX7OWWU3NSB6e6+2xkDy4Y0IgDK61vE='] }),
});

export const receiveWebhookContract = defineContract({
  operationId: 'receiveWebhook',
  method: 'POST',
  path: '/webhooks/agencies/{organId}',
  tag: 'webhooks',
  summary: 'A signed delivery from an external agency (Standard Webhooks): document.sent or document.status',
  description: [
    'Signed with the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) over "{id}.{timestamp}.{raw body}":',
    'the signature is checked over the exact bytes sent, before the body is read, so sign what you send and do not re-serialise it.',
    'The body (≤ 5 MB of JSON) is a document.sent or a document.status, told apart by "type".',
    'webhook-id is the idempotency key: the same id and body again returns the first response (header Idempotent-Replayed: true); another body is 422 (idempotency-key-reused), as for every Idempotency-Key.',
    'For agencies outside the city only: a delivery whose sender, From or from is a city agency is refused (422 city-sender), whatever key signed it.',
  ].join(' '),
  auth: 'signed',
  ports: ['agencies', 'calendar', 'cityCode', 'clock', 'deliveries', 'documents', 'ids', 'kpi', 'webhooks'],
  sends: ['webhookOutbox'],
  grants: { secrets: 'decrypt' },
  runtime: { timeoutSeconds: 15, memoryMb: 1024 },
  idempotency: 'webhook-id',
  // Not parsed by the route: the use case verifies the signature over the raw bytes first, then validates
  // the payload with rawBody.schema (layers/app/webhooks/inbound.ts, readEnvelope).
  body: undefined,
  rawBody: {
    schema: envelopeSchema,
    description: 'The webhook payload, {type, timestamp?, data}; ≤ 5 MB. Samples use sample agencies ([MẪU]), not real ones.',
  },
  headers: webhookHeadersSchema,
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
  errorDescriptions: {
    400: 'a webhook header is missing or malformed, the agency code in the path is not valid, the body is not JSON (or nested too deep), or the payload does not match its schema; errors[].path names each field (header.webhook-id, body.data.to.0...)',
    401: 'not authentic now: the timestamp is more than 300 s away, no signature is of a known version, or none matches an active key of the agency',
    409: 'ambiguous-document (a status whose DocumentId names more than one delivery)',
    413: 'the body is larger than 5 MB',
    422: 'idempotency-key-reused (the webhook-id came before with another body), or valid but refused: city-sender, sender-mismatch, not-a-document, incomplete-document, unknown-addressee, status-not-for-recipient, reason-required or unknown-delivery',
  },
});

export const createWebhookKeyContract = defineContract({
  operationId: 'createWebhookKey',
  method: 'POST',
  path: '/agencies/{organId}/webhook-keys',
  tag: 'webhooks',
  summary: "Register a key for an agency's inbound webhooks: a new whsec_ secret (returned once) or its Ed25519 public key",
  description: 'For agencies outside the city only (a city agency is 422 city-agency). Rotation: create the new key, then revoke the old one; at most 5 active keys. Secrets are stored encrypted (KMS) and never shown again.',
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

export const putWebhookEndpointContract = defineContract({
  operationId: 'putWebhookEndpoint',
  method: 'PUT',
  path: '/agencies/{organId}/webhook-endpoint',
  tag: 'webhooks',
  summary: 'Register or change the endpoint that receives signed document.status webhooks; the signing secret is returned once',
  description: 'HTTPS only, to a public address: special-purpose addresses (loopback, private, link-local, NAT64, documentation, multicast…) are refused in the URL and again for every address the host resolves to when sending, which connects only to an address it checked; a failed attempt is logged as "the endpoint did not answer". Deliveries are signed v1 with the endpoint secret (separate from the inbound keys), retried with backoff for up to 24 h, and stop when the endpoint answers 410 (it is then disabled until registered again).',
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

export const listDeliveriesContract = defineContract({
  operationId: 'listDeliveries',
  method: 'GET',
  path: '/documents/{id}/deliveries',
  tag: 'documents',
  summary: 'Per-recipient delivery status of a document of your agency (01–06, 02 with reason, 13/15/16) and its history',
  auth: 'jwt',
  permission: 'delivery.read',
  ports: ['clock', 'deliveries', 'documents'],
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
