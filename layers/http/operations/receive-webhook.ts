import * as z from 'zod';
import { envelopeSchema } from '#app/webhooks/envelope';
import { defineContract } from '../contract.ts';
import { organParams, webhookHeadersSchema } from '../contracts/webhooks.ts';

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
  ports: ['agencies', 'calendar', 'cityCode', 'clock', 'deliveries', 'documents', 'ids', 'kpi', 'outbox', 'queue', 'webhooks'],
  sends: ['webhookOutbox', 'notifications'],
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
    documents: z
      .array(z.object({ id: z.string(), organId: z.string() }))
      .optional()
      .describe('document.sent: the arrived document (01) created in each addressed agency'),
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
