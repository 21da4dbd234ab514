import { createHash } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { withFunctionEnvironment, type FunctionEnvironment } from '#adapters/config';
import type { FunctionDefinition } from '../definitions.ts';
import { lambdaContext, loadHandler } from './lambda-context.ts';

export interface QueuePoller {
  stop(): Promise<void>;
}

/**
 * Lambda's SQS event source mapping, locally: receive a batch, invoke the consumer with real SQS event
 * records, delete what succeeded. With `batchItemFailures` only the listed messages stay (they come back
 * after the visibility timeout and end in the DLQ after maxReceiveCount); a thrown error keeps them all.
 * The consumer is loaded and invoked in its own environment (`options.environment`).
 */
export function startQueuePoller(options: {
  root: string;
  fn: FunctionDefinition;
  environment: FunctionEnvironment;
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  idleMillis?: number;
  concurrency?: number;
}): QueuePoller {
  const { fn } = options;
  if (fn.trigger.kind !== 'queue') throw new Error(`${fn.name} is not a queue consumer`);
  const batchSize = fn.trigger.batchSize;
  let running = true;
  // Like Lambda's event source mapping, several batches are handled at once (FIFO queues still give a
  // message group to one batch at a time).
  const loops = Array.from({ length: options.concurrency ?? 4 }, async () => {
    const handler = await withFunctionEnvironment(options.environment, () => loadHandler(options.root, fn)).catch((error: unknown) => {
      process.stderr.write(`poller ${fn.name}: cannot load ${fn.entry}: ${(error as Error).message}\n`);
      return undefined;
    });
    if (handler === undefined) return;
    while (running) {
      const received = await options.sqs
        .send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: Math.min(10, batchSize),
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        )
        .catch((error: unknown) => {
          if (running) process.stderr.write(`poller ${fn.name}: ${(error as Error).message}\n`);
          return { Messages: [] as Message[] };
        });
      const messages = received.Messages ?? [];
      if (messages.length === 0) {
        await sleep(options.idleMillis ?? 100);
        continue;
      }
      const records = messages.map((m) => toRecord(m, options.queueArn, options.region));
      let failed = new Set<string>(records.map((r) => r.messageId));
      try {
        const result = (await withFunctionEnvironment(options.environment, () => handler({ Records: records } satisfies SQSEvent, lambdaContext(fn)))) as
          | SQSBatchResponse
          | undefined;
        failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        process.stderr.write(`consumer ${fn.name} threw: ${(error as Error).message}\n`);
      }
      const done = records.filter((r) => !failed.has(r.messageId));
      if (done.length > 0) {
        await options.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })) }));
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops.map((loop) => loop.catch(() => undefined)));
    },
  };
}

function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const body = message.Body ?? '';
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body,
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId === undefined ? {} : { MessageGroupId: attributes.MessageGroupId }),
      ...(attributes.MessageDeduplicationId === undefined ? {} : { MessageDeduplicationId: attributes.MessageDeduplicationId }),
      ...(attributes.SequenceNumber === undefined ? {} : { SequenceNumber: attributes.SequenceNumber }),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          stringValue: value.StringValue,
          binaryValue: value.BinaryValue === undefined ? undefined : Buffer.from(value.BinaryValue).toString('base64'),
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
