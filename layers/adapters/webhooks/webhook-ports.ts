import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WebhookPorts } from '#domain/webhook-keys/ports';
import { defaultRetryPolicy } from '#domain/webhook-keys/retry-policy';
import { env } from '#infra/definitions';
import { sqsClient } from '../aws/clients.ts';
import { optional, required } from '../config.ts';
import { isLocalCipher, secretCipherFromEnvironment } from '../crypto/secret-cipher.ts';
import { DynamoWebhookStore } from '../dynamo/webhook-store.ts';
import { fetchTransport } from './http-transport.ts';
import { SqsWebhookOutbox } from './outbox-queue.ts';

/** Overrides the first retry delay of outbound webhooks (seconds); tests of the local runtime shorten it. */
export const RETRY_BASE_ENV = 'VANTHU_WEBHOOK_RETRY_BASE_SECONDS';

/**
 * The real adapters of the webhooks area. Loopback endpoints are allowed only in the local runtime (no
 * KMS key, a local cipher key), never in a deployed function.
 *
 * @example
 * const webhooks = webhookPorts(dynamoDocumentClient(), required(env.tableName));
 */
export function webhookPorts(client: DynamoDBDocumentClient, tableName: string): WebhookPorts {
  const base = optional(RETRY_BASE_ENV);
  if (base !== undefined && !(Number(base) >= 0)) throw new Error(`${RETRY_BASE_ENV} must be a number of seconds, got "${base}"`);
  return {
    store: new DynamoWebhookStore(client, tableName),
    cipher: secretCipherFromEnvironment(),
    outbox: new SqsWebhookOutbox(sqsClient, () => required(env.queueUrl('webhookOutbox'))),
    transport: fetchTransport,
    retryPolicy: base === undefined ? defaultRetryPolicy : { ...defaultRetryPolicy, baseSeconds: Number(base) },
    allowLoopbackEndpoints: isLocalCipher(),
    random: Math.random,
  };
}
