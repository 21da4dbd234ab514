import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startFauxqs, type FauxqsServer, type S3SpyEvent, type SpyMessage } from 'fauxqs';
import { startDynamoEmulator } from './dynamo/emulator.ts';

/** Where the runtime's AWS-compatible services answer. */
export interface Endpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sqs: string;
  /** True when the services are the embedded emulators (not LocalStack or another endpoint). */
  readonly embedded: boolean;
}

export interface EmbeddedEmulators {
  readonly endpoints: Endpoints;
  /** Calls `listener` for every object stored in or deleted from a bucket. */
  onObjectEvent(listener: (event: S3SpyEvent) => Promise<void>): void;
  /** Every message a queue holds (ready, delayed, in flight), without receiving it. */
  queueMessages(queueName: string): readonly QueuedMessage[];
  close(): Promise<void>;
}

export interface QueuedMessage {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly attributes: Record<string, { DataType: string; StringValue?: string }>;
}

/**
 * Starts dynalite (with the transaction front, persisted under `dataDir/dynamodb`) and fauxqs (S3 + SQS,
 * in memory; infra/local/snapshot.ts keeps its state across restarts), all in this process.
 */
export async function startEmbeddedEmulators(dataDir: string | undefined): Promise<EmbeddedEmulators> {
  if (dataDir !== undefined) await mkdir(path.join(dataDir, 'dynamodb'), { recursive: true });
  const dynamo = await startDynamoEmulator(dataDir === undefined ? {} : { path: path.join(dataDir, 'dynamodb') });
  const fauxqs: FauxqsServer = await startFauxqs({ port: 0, logger: false, messageSpies: { bufferSize: 2000 } });
  const listeners: ((event: S3SpyEvent) => Promise<void>)[] = [];
  let open = true;
  const handled = new WeakSet<object>();
  const isNewObjectEvent = (message: SpyMessage): boolean =>
    message.service === 's3' && (message.status === 'uploaded' || message.status === 'deleted') && !handled.has(message);
  const pump = (async () => {
    while (open) {
      const message = await fauxqs.spy.waitForMessage(isNewObjectEvent, undefined, 500).catch(() => undefined);
      if (message === undefined || message.service !== 's3') continue;
      handled.add(message);
      for (const listener of listeners) {
        await listener(message).catch((error: unknown) => process.stderr.write(`s3 event ${message.key}: ${(error as Error).message}\n`));
      }
    }
  })();
  return {
    endpoints: { dynamodb: dynamo.endpoint, s3: fauxqs.address, sqs: fauxqs.address, embedded: true },
    onObjectEvent: (listener) => listeners.push(listener),
    queueMessages: (queueName) => {
      const inspected = fauxqs.inspectQueue(queueName);
      if (inspected === undefined) return [];
      const all = [...inspected.messages.ready, ...inspected.messages.delayed, ...inspected.messages.inflight.map((f) => f.message)];
      return all.map((m) => {
        const raw = m as unknown as { body: string; messageGroupId?: string; messageDeduplicationId?: string; messageAttributes?: Record<string, { DataType: string; StringValue?: string }> };
        return {
          body: raw.body,
          ...(raw.messageGroupId === undefined ? {} : { groupId: raw.messageGroupId }),
          ...(raw.messageDeduplicationId === undefined ? {} : { deduplicationId: raw.messageDeduplicationId }),
          attributes: raw.messageAttributes ?? {},
        };
      });
    },
    close: async () => {
      open = false;
      await pump;
      await fauxqs.stop();
      await dynamo.close();
    },
  };
}
