import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OutboxMessage } from '#domain/webhook-keys/outbound';
import type { WebhookOutbox } from '#domain/webhook-keys/ports';
import { MAX_QUEUE_DELAY_SECONDS } from '#domain/webhook-keys/retry-policy';

/**
 * The `webhookOutbox` SQS queue (standard): one message per attempt to make, delayed by at most 15 min.
 * The queue URL is resolved at first send, so functions that never send need no QUEUE_URL variable.
 *
 * @example
 * const outbox = new SqsWebhookOutbox(sqsClient, () => required(env.queueUrl('webhookOutbox')));
 * await outbox.enqueue({ organId, deliveryId, attempt: 1 });
 */
export class SqsWebhookOutbox implements WebhookOutbox {
  constructor(
    private readonly client: () => SQSClient,
    private readonly queueUrl: () => string,
  ) {}

  async enqueue(message: OutboxMessage, delaySeconds = 0): Promise<void> {
    const delay = Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.round(delaySeconds)));
    await this.client().send(new SendMessageCommand({ QueueUrl: this.queueUrl(), MessageBody: JSON.stringify(message), DelaySeconds: delay }));
  }
}
