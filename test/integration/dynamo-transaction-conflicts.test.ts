/**
 * The local DynamoDB's TransactionConflict switch driven by the real AWS SDK v3: a picked TransactWriteItems
 * is cancelled exactly as DynamoDB cancels one that meets another transaction, and writes nothing.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';

let emulator: DynamoEmulator;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
const table = 'conflict-switch';

beforeAll(async () => {
  emulator = await startDynamoEmulator({ transactionConflicts: {} });
  client = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  doc = DynamoDBDocumentClient.from(client);
  await createTable(client, table);
});

afterEach(() => {
  emulator.setTransactionConflicts({ rate: 0, next: 0, keyPrefix: '' });
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

describe('the TransactionConflict switch', () => {
  it('cancels the next two transactions as DynamoDB does, writing nothing, and lets the third commit', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'next', sk: 'counter', value: 1 } }));
    const transaction = () =>
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: 'next', sk: 'a' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: table,
              Key: { pk: 'next', sk: 'counter' },
              UpdateExpression: 'SET #v = :two',
              ConditionExpression: '#v = :one',
              ExpressionAttributeNames: { '#v': 'value' },
              ExpressionAttributeValues: { ':one': 1, ':two': 2 },
            },
          },
          { Put: { TableName: table, Item: { pk: 'next', sk: 'b' } } },
        ],
      });
    const before = emulator.transactionConflicts.injected;
    emulator.setTransactionConflicts({ next: 2 });
    // Act
    const first = await rejection(doc.send(transaction()));
    const second = await rejection(doc.send(transaction()));
    const written = await Promise.all(['a', 'b', 'counter'].map((sk) => doc.send(new GetCommand({ TableName: table, Key: { pk: 'next', sk }, ConsistentRead: true }))));
    await doc.send(transaction());
    // Assess
    for (const error of [first, second]) {
      expect(error.name).toBe('TransactionCanceledException');
      const reasons = error.CancellationReasons ?? [];
      expect(reasons).toHaveLength(3);
      expect(reasons.filter((reason) => reason.Code === 'TransactionConflict')).toEqual([{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }]);
      expect(reasons.filter((reason) => reason.Code === 'None')).toHaveLength(2);
      expect(error.message).toMatch(
        /^Transaction cancelled, please refer cancellation reasons for specific reasons \[(None|TransactionConflict), (None|TransactionConflict), (None|TransactionConflict)\]$/,
      );
    }
    expect(written.map((result) => result.Item)).toEqual([undefined, undefined, { pk: 'next', sk: 'counter', value: 1 }]);
    expect((await doc.send(new GetCommand({ TableName: table, Key: { pk: 'next', sk: 'counter' } }))).Item?.value).toBe(2);
    expect(emulator.transactionConflicts).toMatchObject({ next: 0, injected: before + 2 });
  });

  it('cancels only transactions touching the key prefix, naming an item under it', async () => {
    // Prepare
    emulator.setTransactionConflicts({ rate: 1, keyPrefix: 'HOT#' });
    const put = (pk: string) => ({ Put: { TableName: table, Item: { pk, sk: 'x' } } });
    // Act
    await doc.send(new TransactWriteCommand({ TransactItems: [put('COLD#1'), put('COLD#2')] }));
    const error = await rejection(doc.send(new TransactWriteCommand({ TransactItems: [put('COLD#3'), put('HOT#1'), put('COLD#4')] })));
    // Assess
    expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'TransactionConflict', 'None']);
    expect((await doc.send(new GetCommand({ TableName: table, Key: { pk: 'COLD#3', sk: 'x' }, ConsistentRead: true }))).Item).toBeUndefined();
  });

  it('leaves single-item writes, TransactGetItems and the replay of a committed request alone', async () => {
    // Prepare
    const committed = { TransactItems: [{ Put: { TableName: table, Item: { pk: 'replay', sk: 'x' } } }], ClientRequestToken: 'token-replayed-0001' };
    await doc.send(new TransactWriteCommand(committed));
    emulator.setTransactionConflicts({ next: 1 });
    // Act
    await doc.send(new TransactWriteCommand(committed));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'single', sk: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' }));
    const read = await doc.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: table, Key: { pk: 'single', sk: 'x' } } }] }));
    // Assess
    expect(read.Responses?.[0]?.Item).toEqual({ pk: 'single', sk: 'x' });
    expect(emulator.transactionConflicts.next).toBe(1);
  });

  it('refuses a malformed transaction as such, keeping the conflict for the next one', async () => {
    // Prepare
    emulator.setTransactionConflicts({ next: 1 });
    const twice = { Put: { TableName: table, Item: { pk: 'twice', sk: 'x' } } };
    // Act
    const error = await doc.send(new TransactWriteCommand({ TransactItems: [twice, twice] })).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect(emulator.transactionConflicts.next).toBe(1);
  });
});

describe('switching conflicts on at start', () => {
  it('takes the rate from VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE when no switches are given', async () => {
    // Prepare
    const previous = process.env.VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE;
    process.env.VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE = '0.25';
    // Act
    const started = await startDynamoEmulator().finally(() => {
      if (previous === undefined) delete process.env.VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE;
      else process.env.VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE = previous;
    });
    const given = await startDynamoEmulator({ transactionConflicts: { next: 3 } });
    // Assess
    expect(started.transactionConflicts).toMatchObject({ rate: 0.25, next: 0 });
    expect(given.transactionConflicts).toMatchObject({ rate: 0, next: 3 });
    await Promise.all([started.close(), given.close()]);
  });
});

async function rejection(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TransactionCanceledException)) throw new Error(`expected a TransactionCanceledException, got ${String(error)}`);
  return error;
}
