import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '#domain/outbox';
import type { QueueName } from '#domain/outbox';
import { env } from '../environment.ts';
import { required } from '../config.ts';

/** SQS behind the queue port; queue URLs come from the environment (QUEUE_URL_*), read on first use. */
export class SqsMessageQueue implements MessageQueue {
  constructor(private readonly sqs: () => SQSClient) {}

  async send(queue: QueueName, message: Parameters<MessageQueue['send']>[1]): Promise<void> {
    await this.sqs().send(
      new SendMessageCommand({
        QueueUrl: required(env.queueUrl(queue)),
        MessageBody: message.body,
        ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
        ...(message.deduplicationId === undefined ? {} : { MessageDeduplicationId: message.deduplicationId }),
        ...(message.delaySeconds === undefined ? {} : { DelaySeconds: message.delaySeconds }),
      }),
    );
  }
}
