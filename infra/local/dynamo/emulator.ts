/**
 * The local DynamoDB: dynalite (an in-process DynamoDB emulator) behind a front that adds the
 * TransactWriteItems and TransactGetItems dynalite lacks. The application's real AWS SDK clients point
 * their `endpoint` at it and run unchanged. Development tooling only: production uses DynamoDB itself.
 */
import type { Server } from 'node:http';
import { listenOn } from '../listen.ts';
import dynalite from 'dynalite';
import * as z from 'zod';
import { ConflictSwitch, conflictsFromEnvironment, transactionConflictsInput, type TransactionConflicts, type TransactionConflictsInput } from './conflicts.ts';
import { createTransactionFront } from './front.ts';

export type { TransactionConflicts, TransactionConflictsInput } from './conflicts.ts';

export interface DynamoEmulator {
  /** Where the SDK should send requests, e.g. `http://127.0.0.1:54321`. */
  readonly endpoint: string;
  /**
   * Changes the TransactionConflict switch (./conflicts.ts): `{ next: 2 }` cancels the next two
   * TransactWriteItems, `{ rate: 0.3 }` three in ten, `{ rate: 0, next: 0 }` none. Returns the switches now
   * in force; throws a ZodError on bad input.
   */
  setTransactionConflicts(change: TransactionConflictsInput): TransactionConflicts;
  /** The switches in force and how many transactions they cancelled so far. */
  readonly transactionConflicts: TransactionConflicts;
  /** Stops accepting requests, closes the store (flushing it to `path`) and frees both ports. */
  close(): Promise<void>;
}

const emulatorOptions = z.object({
  path: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
  transactionConflicts: transactionConflictsInput.optional(),
});

/**
 * Starts dynalite (persisted in `path` when given, in memory otherwise) behind the transaction front.
 * `port` 0 or absent picks a free port; `host` defaults to 127.0.0.1. Tables are ACTIVE as soon as created.
 * `transactionConflicts` sets the conflict switch at start; without it the switch takes its rate from
 * VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE (0 to 1), and is off when that is unset.
 *
 * @example
 * const dynamo = await startDynamoEmulator({ path: '.data/dynamo' });
 * const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * // ... TransactWriteCommand, QueryCommand, ... as against DynamoDB
 * await dynamo.close();
 */
export async function startDynamoEmulator(
  options: { path?: string; port?: number; host?: string; transactionConflicts?: TransactionConflictsInput } = {},
): Promise<DynamoEmulator> {
  const { path, port = 0, host = '127.0.0.1', transactionConflicts } = emulatorOptions.parse(options);
  const conflicts = new ConflictSwitch(transactionConflicts ?? conflictsFromEnvironment(process.env));
  const store = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Requests reach dynalite through the front only, but its server must listen for its close to close the database.
  await listenOn(store, 0, '127.0.0.1');
  const front = createTransactionFront(store, conflicts);
  let frontPort: number;
  try {
    frontPort = await listenOn(front, port, host);
  } catch (error) {
    await stop(store);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${frontPort}`,
    setTransactionConflicts: (change) => conflicts.set(change),
    get transactionConflicts() {
      return conflicts.state;
    },
    close: () => {
      closing ??= (async () => {
        await stop(front);
        await stop(store);
      })();
      return closing;
    },
  };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Idle keep-alive sockets of the SDK's clients would otherwise hold the server open.
    server.closeIdleConnections();
  });
}
