import type { FunctionDefinition } from '../definitions.ts';

/**
 * The functions of the webhooks area (appended to `functions` in infra/definitions.ts): signed webhooks
 * from external agencies, their keys, outbound deliveries to registered endpoints, and the per-recipient
 * deliveries of a document. `secrets` names the use of the webhook secrets KMS key (encrypt a new secret,
 * decrypt a stored one). Plain literals: this module must not call helpers of definitions.ts, which imports it.
 */
const http = 'functions/http';

export const webhookFunctions: readonly FunctionDefinition[] = [
  {
    name: 'receive-webhook',
    entry: `${http}/receive-webhook.ts`,
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/webhooks/agencies/{organId}', auth: 'signed' }] },
    // Room for parsing an edXML package of a few MB.
    timeoutSeconds: 15,
    memoryMb: 1024,
    access: { table: 'readwrite', secrets: 'decrypt', sendsTo: ['webhookOutbox'] },
  },
  {
    name: 'create-webhook-key',
    entry: `${http}/create-webhook-key.ts`,
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/agencies/{organId}/webhook-keys', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite', secrets: 'encrypt' },
  },
  {
    name: 'list-webhook-keys',
    entry: `${http}/list-webhook-keys.ts`,
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/agencies/{organId}/webhook-keys', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'revoke-webhook-key',
    entry: `${http}/revoke-webhook-key.ts`,
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/agencies/{organId}/webhook-keys/{keyId}/revoke', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite' },
  },
  {
    name: 'put-webhook-endpoint',
    entry: `${http}/put-webhook-endpoint.ts`,
    trigger: { kind: 'http', routes: [{ method: 'PUT', path: '/agencies/{organId}/webhook-endpoint', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite', secrets: 'encrypt' },
  },
  {
    name: 'get-webhook-endpoint',
    entry: `${http}/get-webhook-endpoint.ts`,
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/agencies/{organId}/webhook-endpoint', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'list-webhook-deliveries',
    entry: `${http}/list-webhook-deliveries.ts`,
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/agencies/{organId}/webhook-deliveries', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'replay-webhook-delivery',
    entry: `${http}/replay-webhook-delivery.ts`,
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/agencies/{organId}/webhook-deliveries/{id}/replay', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'readwrite', sendsTo: ['webhookOutbox'] },
  },
  {
    name: 'list-deliveries',
    entry: `${http}/list-deliveries.ts`,
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/documents/{id}/deliveries', auth: 'jwt' }] },
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { table: 'read' },
  },
  {
    name: 'webhook-sender',
    entry: 'functions/queue/webhook-sender.ts',
    // Up to 5 posts of at most 10 s each, one after the other; retries are re-sent to the same queue.
    trigger: { kind: 'queue', queue: 'webhookOutbox', batchSize: 5 },
    timeoutSeconds: 60,
    memoryMb: 512,
    access: { table: 'readwrite', secrets: 'decrypt', sendsTo: ['webhookOutbox'] },
  },
];
