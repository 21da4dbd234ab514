/**
 * The local DynamoDB: dynalite (an in-process DynamoDB emulator) behind a front that adds the
 * TransactWriteItems and TransactGetItems dynalite lacks. The application's real AWS SDK clients point
 * their `endpoint` at it and run unchanged. Development tooling only: production uses DynamoDB itself.
 */
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { z } from 'zod';
import { createTransactionFront } from './front.ts';

export interface DynamoEmulator {
  /** Where the SDK should send requests, e.g. `http://127.0.0.1:54321`. */
  readonly endpoint: string;
  /** Stops accepting requests, closes the store (flushing it to `path`) and frees both ports. */
  close(): Promise<void>;
}

const emulatorOptions = z.object({
  path: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
});

/**
 * Starts dynalite (persisted in `path` when given, in memory otherwise) behind the transaction front.
 * `port` 0 or absent picks a free port; `host` defaults to 127.0.0.1. Tables are ACTIVE as soon as created.
 *
 * @example
 * const dynamo = await startDynamoEmulator({ path: '.data/dynamo' });
 * const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * // ... TransactWriteCommand, QueryCommand, ... as against DynamoDB
 * await dynamo.close();
 */
export async function startDynamoEmulator(options: { path?: string; port?: number; host?: string } = {}): Promise<DynamoEmulator> {
  const { path, port = 0, host = '127.0.0.1' } = emulatorOptions.parse(options);
  const store = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Requests reach dynalite through the front only, but its server must listen for its close to close the database.
  await listen(store, 0, '127.0.0.1');
  const front = createTransactionFront(store);
  let frontPort: number;
  try {
    frontPort = await listen(front, port, host);
  } catch (error) {
    await stop(store);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${frontPort}`,
    close: () => {
      closing ??= (async () => {
        await stop(front);
        await stop(store);
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error(`Expected a TCP address, got ${String(address)}`));
      else resolve(address.port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Idle keep-alive sockets of the SDK's clients would otherwise hold the server open.
    server.closeIdleConnections();
  });
}
