import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { startFauxqs, type FauxqsServer, type S3SpyEvent, type SpyMessage } from 'fauxqs';
import { startAwsJsonEmulator, type AwsJsonEmulator } from './aws-json/server.ts';
import { startDynamoEmulator, type DynamoEmulator } from './dynamo/emulator.ts';

/** Where the runtime's AWS-compatible services answer. */
export interface Endpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sqs: string;
  readonly kms: string;
  readonly ssm: string;
  readonly secretsManager: string;
  /** True when the services are the embedded emulators (not LocalStack or another endpoint). */
  readonly embedded: boolean;
}

export interface EmbeddedEmulators {
  readonly endpoints: Endpoints;
  /** Calls `listener` for every object stored in or deleted from a bucket. */
  onObjectEvent(listener: (event: S3SpyEvent) => Promise<void>): void;
  /** Every message a queue holds (ready, delayed, in flight), without receiving it. */
  queueMessages(queueName: string): readonly QueuedMessage[];
  /** The local DynamoDB's TransactionConflict switch (infra/local/dynamo/conflicts.ts). */
  setTransactionConflicts: DynamoEmulator['setTransactionConflicts'];
  /** The local KMS: imports the dev CA's keys, counts Sign calls (infra/local/aws-json/kms.ts). */
  readonly kms: Pick<AwsJsonEmulator, 'importSigningKey' | 'signCount'>;
  close(): Promise<void>;
}

export interface QueuedMessage {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly attributes: Record<string, { DataType: string; StringValue?: string }>;
}

/** The emulators answer this machine only: they take any request, unsigned, as the owner's. */
const LOOPBACK = '127.0.0.1';

/**
 * Starts dynalite (with the transaction front, persisted under `dataDir/dynamodb`), fauxqs (S3 + SQS,
 * in memory; infra/local/snapshot.ts keeps its state across restarts) and the KMS, SSM and Secrets Manager
 * emulator (persisted in `dataDir/aws-json`), all in this process and listening on 127.0.0.1 only.
 */
export async function startEmbeddedEmulators(dataDir: string | undefined): Promise<EmbeddedEmulators> {
  if (dataDir !== undefined) await mkdir(path.join(dataDir, 'dynamodb'), { recursive: true });
  const dynamo = await startDynamoEmulator({ host: LOOPBACK, ...(dataDir === undefined ? {} : { path: path.join(dataDir, 'dynamodb') }) });
  let fauxqs: FauxqsServer;
  try {
    fauxqs = await startLoopbackFauxqs({ port: 0, logger: false, messageSpies: { bufferSize: 2000 } });
  } catch (error) {
    await dynamo.close();
    throw error;
  }
  let awsJson: AwsJsonEmulator;
  try {
    awsJson = await startAwsJsonEmulator({ host: LOOPBACK, ...(dataDir === undefined ? {} : { dataDir }) });
  } catch (error) {
    await fauxqs.stop();
    await dynamo.close();
    throw error;
  }
  const listeners: ((event: S3SpyEvent) => Promise<void>)[] = [];
  let open = true;
  const handled = new WeakSet<object>();
  const isNewObjectEvent = (message: SpyMessage): boolean => message.service === 's3' && (message.status === 'uploaded' || message.status === 'deleted') && !handled.has(message);
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
    endpoints: { dynamodb: dynamo.endpoint, s3: fauxqs.address, sqs: fauxqs.address, kms: awsJson.url, ssm: awsJson.url, secretsManager: awsJson.url, embedded: true },
    onObjectEvent: (listener) => listeners.push(listener),
    setTransactionConflicts: (change) => dynamo.setTransactionConflicts(change),
    kms: {
      importSigningKey: (keyId, privateKey, aliases) => awsJson.importSigningKey(keyId, privateKey, aliases),
      signCount: (keyIdOrAlias) => awsJson.signCount(keyIdOrAlias),
    },
    queueMessages: (queueName) => {
      const inspected = fauxqs.inspectQueue(queueName);
      if (inspected === undefined) return [];
      const all = [...inspected.messages.ready, ...inspected.messages.delayed, ...inspected.messages.inflight.map((f) => f.message)];
      return all.map((m) => {
        const raw = m as unknown as {
          body: string;
          messageGroupId?: string;
          messageDeduplicationId?: string;
          messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
        };
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
      await awsJson.close();
      await fauxqs.stop();
      await dynamo.close();
    },
  };
}

/**
 * fauxqs (1.x and 2.x alike) listens on 0.0.0.0 whatever its options say: `startFauxqs` hard-codes the
 * host, and its `host` option only names queue URLs. Its Fastify server is created synchronously inside
 * `startFauxqs`, so for that synchronous stretch only (no other code of this process can run in it)
 * http.createServer hands out servers whose `listen` binds 127.0.0.1. A fauxqs that answers on any other
 * server is stopped before it is used.
 */
async function startLoopbackFauxqs(options: Parameters<typeof startFauxqs>[0]): Promise<FauxqsServer> {
  const createServer = http.createServer;
  const pinned: http.Server[] = [];
  const pinnedCreateServer = (...args: unknown[]): http.Server => {
    const server = Reflect.apply(createServer, http, args) as http.Server;
    pinToLoopback(server);
    pinned.push(server);
    return server;
  };
  let starting: Promise<FauxqsServer>;
  Reflect.set(http, 'createServer', pinnedCreateServer);
  try {
    starting = startFauxqs(options);
  } finally {
    Reflect.set(http, 'createServer', createServer);
  }
  const fauxqs = await starting;
  const onLoopback = pinned.some((server) => {
    const address = server.address();
    return typeof address === 'object' && address !== null && address.address === LOOPBACK && address.port === fauxqs.port;
  });
  if (!onLoopback) {
    await fauxqs.stop();
    throw new Error(`fauxqs answered on port ${fauxqs.port}, not on a server bound to ${LOOPBACK}; stopped it`);
  }
  return fauxqs;
}

/** Makes `server.listen({ port, ... })` bind 127.0.0.1, whatever host the caller asked for. */
function pinToLoopback(server: http.Server): void {
  const listen = server.listen.bind(server);
  const pinnedListen = (options: unknown, ...rest: unknown[]): http.Server => {
    if (typeof options !== 'object' || options === null || (options as { path?: unknown }).path != null) {
      throw new Error(`Refusing a listen call that cannot be pinned to ${LOOPBACK}`);
    }
    return Reflect.apply(listen, server, [{ ...options, host: LOOPBACK }, ...rest]) as http.Server;
  };
  Reflect.set(server, 'listen', pinnedListen);
}
