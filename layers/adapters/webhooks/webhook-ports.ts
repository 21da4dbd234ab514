import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WebhookPorts } from '#domain/webhook-keys/ports';
import { defaultRetryPolicy } from '#domain/webhook-keys/retry-policy';
import { env } from '#adapters/environment';
import { sqsClient } from '../aws/sqs-client.ts';
import { optional, required } from '../config.ts';
import { isLocalCipher, secretCipherFromEnvironment } from '../crypto/secret-cipher.ts';
import { DynamoWebhookStore } from '../dynamo/webhook-store.ts';
import { pinnedTransport } from './http-transport.ts';
import { SqsWebhookOutbox } from './outbox-queue.ts';

/** Overrides the first retry delay of outbound webhooks (seconds); tests of the local runtime shorten it. */
export const RETRY_BASE_ENV = 'VANTHU_WEBHOOK_RETRY_BASE_SECONDS';

/**
 * Test-only allowance: `1` lets loopback endpoints (http://127.0.0.1:…, localhost) be registered and sent
 * to, so the local runtime's e2e tests can run a receiver. It widens the SSRF guard to loopback and nothing
 * else, and only for a function holding the local runtime's cipher key. A function holding the KMS key
 * (every deployed function that registers or sends webhooks) refuses to start with it set.
 */
export const LOOPBACK_ENDPOINTS_ENV = 'VANTHU_TEST_LOOPBACK_ENDPOINTS';

/**
 * The real adapters of the webhooks area. Outbound webhooks go through the pinned transport (public
 * addresses only); loopback only under {@link LOOPBACK_ENDPOINTS_ENV}.
 *
 * @example
 * const webhooks = webhookPorts(dynamoDocumentClient(), required(env.tableName));
 */
export function webhookPorts(client: DynamoDBDocumentClient, tableName: string): WebhookPorts {
  const base = optional(RETRY_BASE_ENV);
  if (base !== undefined && !(Number(base) >= 0)) throw new Error(`${RETRY_BASE_ENV} must be a number of seconds, got "${base}"`);
  const allowLoopback = loopbackAllowance();
  return {
    store: new DynamoWebhookStore(client, tableName),
    cipher: secretCipherFromEnvironment(),
    outbox: new SqsWebhookOutbox(sqsClient, () => required(env.queueUrl('webhookOutbox'))),
    transport: pinnedTransport({ allowLoopback }),
    retryPolicy: base === undefined ? defaultRetryPolicy : { ...defaultRetryPolicy, baseSeconds: Number(base) },
    allowLoopbackEndpoints: allowLoopback,
    random: Math.random,
  };
}

/**
 * Only a function that holds a webhook secrets key registers or sends webhooks: with the local key it gets the
 * allowance, with the KMS key (deployed) it refuses to start. A function with neither key (it only queues
 * deliveries, or touches no webhook at all) gets no allowance and has no use for one.
 */
function loopbackAllowance(): boolean {
  const value = optional(LOOPBACK_ENDPOINTS_ENV);
  if (value === undefined) return false;
  if (value !== '1') throw new Error(`${LOOPBACK_ENDPOINTS_ENV} must be 1 or unset, got "${value}"`);
  if (optional(env.webhookSecretsKey) !== undefined) throw new Error(`${LOOPBACK_ENDPOINTS_ENV} is for the local runtime's tests only; unset it`);
  return isLocalCipher();
}
