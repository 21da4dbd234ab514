import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { s3Client } from '#adapters/aws/s3-client';
import { sqsClient } from '#adapters/aws/sqs-client';
import { functions, type FunctionDefinition } from '#infra/definitions';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import type { Recorded } from '../fixtures/functions/recording-consumer.ts';

const consumer: FunctionDefinition = {
  name: 'recording-consumer',
  entry: 'test/fixtures/functions/recording-consumer.ts',
  trigger: { kind: 'queue', queue: 'webhookOutbox', batchSize: 10 },
  timeoutSeconds: 1,
  memoryMb: 128,
  access: {},
};
const ticker: FunctionDefinition = {
  name: 'ticking-schedule',
  entry: 'test/fixtures/functions/ticking-schedule.ts',
  trigger: { kind: 'schedule', everyMinutes: 1 },
  timeoutSeconds: 1,
  memoryMb: 128,
  access: {},
};
/** The system's own queue consumers would race the test for the messages it inspects. */
const systemFunctions = functions.filter((fn) => fn.trigger.kind !== 'queue');
const recorded = (): Recorded[] => ((globalThis as { __recorded?: Recorded[] }).__recorded ??= []);
const ticks = (): unknown[] => ((globalThis as { __ticks?: unknown[] }).__ticks ??= []);

async function eventually<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, millis = 20_000): Promise<T> {
  const deadline = Date.now() + millis;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let dataDir: string;
let runtime: LocalRuntime;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-runtime-'));
  runtime = await startLocalRuntime({ dataDir, port: 0, functions: [...systemFunctions, consumer, ticker], scheduleSpeedup: 600 });
});

afterAll(async () => {
  await runtime.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('local event sources', () => {
  it('feeds queue messages to the consumer as SQS records and deletes only the successes', async () => {
    const queueUrl = runtime.names.queueUrls.webhookOutbox;
    await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'ok-1' }));
    await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'fail-1' }));
    const seen = await eventually(
      () => recorded().filter((r) => r.body === 'ok-1' || r.body === 'fail-1'),
      (r) => r.length >= 2,
    );
    expect(seen.every((r) => r.eventSource === 'aws:sqs' && r.messageId !== '' && r.receiveCount === 1)).toBe(true);
    // the reported failure stays on the queue, invisible until its visibility timeout; the success is deleted
    const attributes = await sqsClient().send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
    expect(recorded().filter((r) => r.body === 'ok-1')).toHaveLength(1);
  });

  it('creates each queue with the redrive policy and visibility timeout of infra/definitions.ts', async () => {
    const attributes = await sqsClient().send(
      new GetQueueAttributesCommand({ QueueUrl: runtime.names.queueUrls.webhookOutbox, AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'] }),
    );
    expect(JSON.parse(attributes.Attributes?.RedrivePolicy ?? '{}').maxReceiveCount).toBe(10);
    expect(Number(attributes.Attributes?.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * 10);
  });

  it('runs scheduled functions with an EventBridge-shaped event', async () => {
    const seen = await eventually(
      () => ticks(),
      (t) => t.length >= 1,
      5_000,
    );
    expect(seen[0]).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler' });
  });

  it('sends an S3 object-created notification for uploads under files/', async () => {
    await s3Client().send(new PutObjectCommand({ Bucket: runtime.names.bucketName, Key: 'files/DOC1/a.pdf', Body: 'pdf' }));
    await s3Client().send(new PutObjectCommand({ Bucket: runtime.names.bucketName, Key: 'exports/r.csv', Body: 'csv' }));
    const received = await eventually(
      async () => (await sqsClient().send(new ReceiveMessageCommand({ QueueUrl: runtime.names.queueUrls.fileUploaded, MaxNumberOfMessages: 10 }))).Messages ?? [],
      (m) => m.length >= 1,
      5_000,
    );
    const keys = received.map((m) => JSON.parse(m.Body ?? '{}').Records[0].s3.object.key);
    expect(keys).toEqual(['files/DOC1/a.pdf']);
  });
});

describe('state survives a restart', () => {
  it('keeps objects and queued messages across close and start with the same data folder', async () => {
    await s3Client().send(new PutObjectCommand({ Bucket: runtime.names.bucketName, Key: 'kept/x.txt', Body: 'giữ lại' }));
    await sqsClient().send(new SendMessageCommand({ QueueUrl: runtime.names.queueUrls.axisInbox, MessageBody: 'pending-doc' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await runtime.close();
    runtime = await startLocalRuntime({ dataDir, port: 0, functions: [...systemFunctions, consumer, ticker], scheduleSpeedup: 600 });
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const s3 = new S3Client({ region: 'us-east-1', endpoint: runtime.endpoints.s3, forcePathStyle: true, credentials });
    const sqs = new SQSClient({ region: 'us-east-1', endpoint: runtime.endpoints.sqs, useQueueUrlAsEndpoint: false, credentials });
    const object = await s3.send(new GetObjectCommand({ Bucket: runtime.names.bucketName, Key: 'kept/x.txt' }));
    expect(await object.Body?.transformToString()).toBe('giữ lại');
    const messages = await sqs.send(new ReceiveMessageCommand({ QueueUrl: runtime.names.queueUrls.axisInbox, MaxNumberOfMessages: 10 }));
    expect(messages.Messages?.map((m) => m.Body)).toEqual(['pending-doc']);
  });
});
