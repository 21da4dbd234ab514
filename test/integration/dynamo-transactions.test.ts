/**
 * The local DynamoDB (dynalite behind the transaction front) driven by the real AWS SDK v3 clients:
 * transactions are all-or-nothing, isolated and answered in DynamoDB's shapes; everything else passes through.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  IdempotentParameterMismatchException,
  ResourceNotFoundException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactGetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';

let emulator: DynamoEmulator;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
const table = 'vanthu-local';

beforeAll(async () => {
  emulator = await startDynamoEmulator({});
  ({ client, doc } = clientsFor(emulator.endpoint));
  await createTable(client, table);
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

describe('TransactWriteItems is all or nothing', () => {
  it('writes nothing when one of three conditions fails and gives every reason in order', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'all', sk: 'existing', n: 1 } }));
    const failingUpdate = {
      TableName: table,
      Key: { pk: 'all', sk: 'existing' },
      UpdateExpression: 'SET n = :two',
      ConditionExpression: 'n = :five',
      ExpressionAttributeValues: { ':two': 2, ':five': 5 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    const transaction = new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: table, Item: { pk: 'all', sk: 'new' } } }, { Update: failingUpdate }, { Put: { TableName: table, Item: { pk: 'all', sk: 'third' } } }],
    });
    // Act
    const error = await rejection(doc.send(transaction), TransactionCanceledException);
    // Assess
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]');
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'all' }, sk: { S: 'existing' }, n: { N: '1' } } },
      { Code: 'None' },
    ]);
    expect(await items('all')).toEqual([{ pk: 'all', sk: 'existing', n: 1 }]);
  });

  it('rolls back the writes already applied when dynalite rejects a later operation, and answers its error', async () => {
    // Prepare
    const put = { Put: { TableName: table, Item: { pk: 'broken', sk: 'a' } } };
    const brokenUpdate = { Update: { TableName: table, Key: { pk: 'broken', sk: 'b' }, UpdateExpression: 'SET = nonsense' } };
    // Act
    const error = await rejection(doc.send(new TransactWriteCommand({ TransactItems: [put, brokenUpdate] })), Error);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/Invalid UpdateExpression/);
    expect(await items('broken')).toEqual([]);
  });

  it('answers ResourceNotFoundException for a table that does not exist', async () => {
    // Prepare
    const put = { Put: { TableName: 'no-such-table', Item: { pk: 'x', sk: 'y' } } };
    // Act
    const error = await rejection(doc.send(new TransactWriteCommand({ TransactItems: [put] })), ResourceNotFoundException);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('each operation honours its condition', () => {
  const key = (sk: string) => ({ pk: { S: 'ops' }, sk: { S: sk } });
  const exists = 'attribute_exists(pk)';
  const absent = 'attribute_not_exists(pk)';
  const cases: { name: string; op: (sk: string) => TransactWriteItem; ok: 'present' | 'absent'; after: Record<string, unknown> | undefined }[] = [
    { name: 'Put', op: (sk) => ({ Put: { TableName: table, Item: { ...key(sk), v: { N: '2' } }, ConditionExpression: absent } }), ok: 'absent', after: { v: 2 } },
    {
      name: 'Update',
      op: (sk) => ({ Update: { TableName: table, Key: key(sk), UpdateExpression: 'SET v = :v', ConditionExpression: exists, ExpressionAttributeValues: { ':v': { N: '3' } } } }),
      ok: 'present',
      after: { v: 3 },
    },
    { name: 'Delete', op: (sk) => ({ Delete: { TableName: table, Key: key(sk), ConditionExpression: exists } }), ok: 'present', after: undefined },
    { name: 'ConditionCheck on a present item', op: (sk) => ({ ConditionCheck: { TableName: table, Key: key(sk), ConditionExpression: exists } }), ok: 'present', after: { v: 1 } },
    { name: 'ConditionCheck on an absent item', op: (sk) => ({ ConditionCheck: { TableName: table, Key: key(sk), ConditionExpression: absent } }), ok: 'absent', after: undefined },
  ];

  it.each(cases)('$name applies when its condition holds', async ({ name, op, ok, after }) => {
    // Prepare
    const sk = `pass-${name}`;
    if (ok === 'present') await doc.send(new PutCommand({ TableName: table, Item: { pk: 'ops', sk, v: 1 } }));
    // Act
    await client.send(new TransactWriteItemsCommand({ TransactItems: [op(sk)] }));
    // Assess
    const item = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'ops', sk } }));
    expect(item.Item).toEqual(after === undefined ? undefined : { pk: 'ops', sk, ...after });
  });

  it.each(cases)('$name is cancelled when its condition fails, with the old image when ALL_OLD is asked', async ({ name, op, ok }) => {
    // Prepare
    const sk = `fail-${name}`;
    const oldImage = { pk: 'ops', sk, v: 1 };
    if (ok === 'absent') await doc.send(new PutCommand({ TableName: table, Item: oldImage }));
    const failing = withAllOld(op(sk));
    // Act
    const error = await rejection(client.send(new TransactWriteItemsCommand({ TransactItems: [failing] })), TransactionCanceledException);
    // Assess
    const reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
    expect(error.CancellationReasons).toEqual([ok === 'absent' ? { ...reason, Item: { ...key(sk), v: { N: '1' } } } : reason]);
    const item = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'ops', sk } }));
    expect(item.Item).toEqual(ok === 'absent' ? oldImage : undefined);
  });
});

describe('TransactWriteItems validation', () => {
  it('refuses two operations on the same item', async () => {
    // Act
    const put = { Put: { TableName: table, Item: { pk: 'twice', sk: 'a' } } };
    const check = { ConditionCheck: { TableName: table, Key: { pk: 'twice', sk: 'a' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const error = await rejection(doc.send(new TransactWriteCommand({ TransactItems: [put, check] })), Error);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Transaction request cannot include multiple operations on one item');
    expect(await items('twice')).toEqual([]);
  });

  it('refuses more than 100 items', async () => {
    // Act
    const puts = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: table, Item: { pk: 'many', sk: String(i) } } }));
    const error = await rejection(doc.send(new TransactWriteCommand({ TransactItems: puts })), Error);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/);
    expect(await items('many')).toEqual([]);
  });

  it('accepts exactly 100 items', async () => {
    // Act
    const puts = Array.from({ length: 100 }, (_, i) => ({ Put: { TableName: table, Item: { pk: 'hundred', sk: String(i).padStart(3, '0') } } }));
    await doc.send(new TransactWriteCommand({ TransactItems: puts }));
    // Assess
    expect(await items('hundred')).toHaveLength(100);
  });
});

describe('ClientRequestToken', () => {
  const increment = (by: number) => ({
    Update: { TableName: table, Key: { pk: { S: 'token' }, sk: { S: 'counter' } }, UpdateExpression: 'ADD n :by', ExpressionAttributeValues: { ':by': { N: String(by) } } },
  });

  it('applies a repeated request once and answers the repeat as the first', async () => {
    // Act
    await client.send(new TransactWriteItemsCommand({ ClientRequestToken: 'token-1', TransactItems: [increment(1)] }));
    const repeat = await client.send(new TransactWriteItemsCommand({ ClientRequestToken: 'token-1', TransactItems: [increment(1)] }));
    // Assess
    expect(repeat.$metadata.httpStatusCode).toBe(200);
    expect((await doc.send(new GetCommand({ TableName: table, Key: { pk: 'token', sk: 'counter' } }))).Item?.n).toBe(1);
  });

  it('refuses the same token with a different request', async () => {
    // Prepare
    await client.send(new TransactWriteItemsCommand({ ClientRequestToken: 'token-2', TransactItems: [increment(10)] }));
    // Act
    const different = new TransactWriteItemsCommand({ ClientRequestToken: 'token-2', TransactItems: [increment(20)] });
    const error = await rejection(client.send(different), IdempotentParameterMismatchException);
    // Assess
    expect(error.name).toBe('IdempotentParameterMismatchException');
  });
});

describe('isolation under concurrency', () => {
  it('keeps the total of 10 accounts at 100 through 200 concurrent conditional transfers, for every reader', async () => {
    // Prepare
    const accounts = Array.from({ length: 10 }, (_, i) => `a${i}`);
    await Promise.all(accounts.map((sk) => doc.send(new PutCommand({ TableName: table, Item: { pk: 'account', sk, balance: 10, version: 0 } }))));
    const random = seeded(7);
    let transfersDone = false;
    // Act
    const readers = [queryAccounts, queryAccounts, transactGetAccounts(accounts), transactGetAccounts(accounts)].map((read) => readUntil(() => transfersDone, read));
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => transfer(`t${i}`, accounts, random)));
    transfersDone = true;
    const seen = (await Promise.all(readers)).flat();
    // Assess
    const committed = outcomes.filter((outcome) => outcome === 'committed').length;
    expect(committed).toBeGreaterThan(0);
    // Cancelled transfers had written some of their items before being rolled back: none of it may show.
    expect(committed).toBeLessThan(200);
    expect(new Set(seen.map(total('balance')))).toEqual(new Set([100]));
    // Each committed transfer adds 2 to the versions: an odd sum would be a transfer seen half done.
    expect(seen.every((accountsSeen) => total('version')(accountsSeen) % 2 === 0)).toBe(true);
    expect(seen.some((accountsSeen) => total('version')(accountsSeen) > 0 && total('version')(accountsSeen) < 2 * committed)).toBe(true);
    const final = await items('account');
    expect(total('balance')(final)).toBe(100);
    expect(final.every((item) => Number(item.balance) >= 0)).toBe(true);
    expect(total('version')(final)).toBe(2 * committed);
    expect(await items('transfer')).toHaveLength(committed);
  });

  it('numbers 100 concurrent documents 1..100 with a counter and a document in one transaction', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'counter', sk: 'documents', value: 0 } }));
    // Act
    const numbers = await Promise.all(Array.from({ length: 100 }, (_, worker) => takeNextNumber(worker)));
    // Assess
    const expected = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([...numbers].sort((a, b) => a - b)).toEqual(expected);
    const documents = await items('numbered');
    expect(documents.map((item) => Number(item.sk)).sort((a, b) => a - b)).toEqual(expected);
    expect(new Set(documents.map((item) => item.worker)).size).toBe(100);
  });
});

describe('TransactGetItems', () => {
  it('answers the items in order, {} for an absent one, with projections', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'get', sk: 'a', n: 1, extra: 'x' } }));
    // Act
    const answer = await doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: table, Key: { pk: 'get', sk: 'missing' } } },
          { Get: { TableName: table, Key: { pk: 'get', sk: 'a' }, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'n' } } },
        ],
      }),
    );
    // Assess
    expect(answer.Responses).toEqual([{}, { Item: { n: 1 } }]);
  });

  it('reads every item from one moment while transactions rewrite them all', async () => {
    // Prepare
    const keys = ['x', 'y', 'z'].map((sk) => ({ pk: 'snapshot', sk }));
    const rewrite = (round: number) => doc.send(new TransactWriteCommand({ TransactItems: keys.map((key) => ({ Put: { TableName: table, Item: { ...key, round } } })) }));
    await rewrite(0);
    let writing = true;
    const readRounds = async () => {
      const answer = await doc.send(new TransactGetCommand({ TransactItems: keys.map((key) => ({ Get: { TableName: table, Key: key } })) }));
      return (answer.Responses ?? []).map((response) => ({ round: response.Item?.round }));
    };
    // Act
    const readers = [readRounds, readRounds].map((read) => readUntil(() => !writing, read));
    for (let round = 1; round <= 30; round += 1) await rewrite(round);
    writing = false;
    const seen = (await Promise.all(readers)).flat();
    // Assess
    expect(seen.every((view) => new Set(view.map((item) => item.round)).size === 1)).toBe(true);
    expect(seen.some((view) => Number(view[0]?.round) > 0 && Number(view[0]?.round) < 30)).toBe(true);
  });
});

describe('ordinary requests pass through', () => {
  it('serves PutItem, Query, UpdateItem and BatchWriteItem as dynalite does', async () => {
    // Act
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'plain', sk: '1', n: 1 } }));
    await doc.send(new UpdateCommand({ TableName: table, Key: { pk: 'plain', sk: '1' }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': 1 } }));
    await doc.send(new BatchWriteCommand({ RequestItems: { [table]: ['2', '3'].map((sk) => ({ PutRequest: { Item: { pk: 'plain', sk } } })) } }));
    const conflict = await rejection(doc.send(new PutCommand({ TableName: table, Item: { pk: 'plain', sk: '1' }, ConditionExpression: 'attribute_not_exists(pk)' })), Error);
    // Assess
    expect(await items('plain')).toEqual([
      { pk: 'plain', sk: '1', n: 2 },
      { pk: 'plain', sk: '2' },
      { pk: 'plain', sk: '3' },
    ]);
    expect(conflict.name).toBe('ConditionalCheckFailedException');
  });

  it("forwards dynalite's raw answers byte for byte", async () => {
    // Act
    const health = await fetch(emulator.endpoint);
    const unknown = await fetch(emulator.endpoint, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    // Assess
    expect(await health.text()).toBe('healthy: dynamodb.us-east-1.amazonaws.com ');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('<UnknownOperationException/>\n');
  });
});

describe('persistence', () => {
  it('keeps what was written in `path` across close and restart', async () => {
    // Prepare
    const folder = await mkdtemp(path.join(os.tmpdir(), 'vanthu-dynamo-'));
    try {
      const first = await startDynamoEmulator({ path: folder });
      const before = clientsFor(first.endpoint);
      await createTable(before.client, 'persisted');
      await before.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'persisted', Item: { pk: 'p', sk: '1', kept: true } } }] }));
      before.client.destroy();
      await first.close();
      // Act
      const second = await startDynamoEmulator({ path: folder });
      const after = clientsFor(second.endpoint);
      const item = await after.doc.send(new GetCommand({ TableName: 'persisted', Key: { pk: 'p', sk: '1' } }));
      after.client.destroy();
      await second.close();
      // Assess
      expect(item.Item).toEqual({ pk: 'p', sk: '1', kept: true });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

function clientsFor(endpoint: string): { client: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  return { client, doc: DynamoDBDocumentClient.from(client) };
}

async function createTable(dynamo: DynamoDBClient, name: string): Promise<void> {
  await dynamo.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}

async function items(pk: string): Promise<Record<string, unknown>[]> {
  const answer = await doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
  return answer.Items ?? [];
}

async function rejection<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof type)) throw new Error(`expected a ${type.name}, got ${String(error)}`);
  return error;
}

function withAllOld(item: TransactWriteItem): TransactWriteItem {
  const [[kind, operation]] = Object.entries(item) as [[string, object]];
  return { [kind]: { ...operation, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
}

/** A small deterministic generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Moves 1 from one random account to another, guarded by the balance and both versions; one attempt. */
async function transfer(id: string, accounts: readonly string[], random: () => number): Promise<'committed' | 'cancelled'> {
  const from = accounts[Math.floor(random() * accounts.length)] ?? 'a0';
  const others = accounts.filter((sk) => sk !== from);
  const to = others[Math.floor(random() * others.length)] ?? 'a1';
  // Arrivals spread over a moment, so readers get in between transactions rather than only before and after.
  await sleep(random() * 1500);
  try {
    await transferOnce(id, from, to);
    return 'committed';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'cancelled';
    throw error;
  }
}

async function transferOnce(id: string, from: string, to: string): Promise<void> {
  const [source, target] = await Promise.all([from, to].map((sk) => doc.send(new GetCommand({ TableName: table, Key: { pk: 'account', sk }, ConsistentRead: true }))));
  const move = (sk: string, sign: '-' | '+', version: unknown, guard: string) => ({
    Update: {
      TableName: table,
      Key: { pk: 'account', sk },
      UpdateExpression: `SET balance = balance ${sign} :one, version = version + :one`,
      ConditionExpression: `version = :version${guard}`,
      ExpressionAttributeValues: { ':one': 1, ':version': version },
    },
  });
  const transaction = new TransactWriteCommand({
    TransactItems: [
      move(from, '-', source?.Item?.version, ' AND balance >= :one'),
      move(to, '+', target?.Item?.version, ''),
      { Put: { TableName: table, Item: { pk: 'transfer', sk: id, from, to }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
  });
  await doc.send(transaction);
}

/** Reads again and again until `done`, keeping every view of the accounts. */
async function readUntil(done: () => boolean, read: () => Promise<Record<string, unknown>[]>): Promise<Record<string, unknown>[][]> {
  const views: Record<string, unknown>[][] = [];
  while (!done()) views.push(await read());
  return views;
}

function queryAccounts(): Promise<Record<string, unknown>[]> {
  return items('account');
}

function transactGetAccounts(accounts: readonly string[]): () => Promise<Record<string, unknown>[]> {
  return async () => {
    const answer = await doc.send(new TransactGetCommand({ TransactItems: accounts.map((sk) => ({ Get: { TableName: table, Key: { pk: 'account', sk } } })) }));
    return (answer.Responses ?? []).map((response) => response.Item ?? {});
  };
}

function total(attribute: string): (accounts: readonly Record<string, unknown>[]) => number {
  return (accounts) => accounts.reduce((sum, item) => sum + Number(item[attribute]), 0);
}

/** Takes the next number until it wins: counter + 1 and the numbered document, both or neither. */
async function takeNextNumber(worker: number): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await numberOnce(worker);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // Full-jitter exponential backoff, as the SDK's own retries do: fewer doomed attempts per winner.
      await sleep(Math.random() * Math.min(1000, 8 * 2 ** attempt));
    }
  }
}

async function numberOnce(worker: number): Promise<number> {
  const counter = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'counter', sk: 'documents' }, ConsistentRead: true }));
  const next = Number(counter.Item?.value) + 1;
  const bumpCounter = {
    TableName: table,
    Key: { pk: 'counter', sk: 'documents' },
    UpdateExpression: 'SET #value = :next',
    ConditionExpression: '#value = :current',
    ExpressionAttributeNames: { '#value': 'value' },
    ExpressionAttributeValues: { ':next': next, ':current': next - 1 },
  };
  const document = { TableName: table, Item: { pk: 'numbered', sk: String(next).padStart(3, '0'), worker }, ConditionExpression: 'attribute_not_exists(pk)' };
  await doc.send(new TransactWriteCommand({ TransactItems: [{ Update: bumpCounter }, { Put: document }] }));
  return next;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
