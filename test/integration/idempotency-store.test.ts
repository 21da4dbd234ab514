/**
 * The Idempotency-Key store against the DynamoDB emulator: a kept answer is replayed within its 24 hours
 * and forgotten after them even while DynamoDB has not yet removed the item (TTL deletes lazily).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIdempotencyStore } from '#adapters/dynamo/idempotency-store';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';

let emulator: DynamoEmulator;
let client: DynamoDBClient;
let store: DynamoIdempotencyStore;
const table = 'idempotency-expiry';

beforeAll(async () => {
  emulator = await startDynamoEmulator();
  client = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTable(client, table);
  store = new DynamoIdempotencyStore(DynamoDBDocumentClient.from(client), table);
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const answer = { statusCode: 201, body: '{"id":"1"}', contentType: 'application/json' };

describe('DynamoIdempotencyStore', () => {
  it('replays a completed key within 24 hours, with its fingerprint', async () => {
    // Prepare
    const t0 = new Date('2026-12-03T08:00:00Z');
    expect(await store.claim('k-replay', 'f1', t0)).toEqual({ kind: 'claimed' });
    await store.complete('k-replay', answer, t0);
    // Act
    const again = await store.claim('k-replay', 'f2', new Date(t0.getTime() + 23 * 3600_000));
    // Assess
    expect(again).toEqual({ kind: 'done', fingerprint: 'f1', response: answer });
  });

  it('answers in-progress while the first request runs', async () => {
    // Prepare
    const t0 = new Date('2026-12-03T08:00:00Z');
    await store.claim('k-running', 'f1', t0);
    // Act
    const second = await store.claim('k-running', 'f1', new Date(t0.getTime() + 5_000));
    // Assess
    expect(second).toEqual({ kind: 'in-progress' });
  });

  it('forgets a key after 24 hours although the expired item is still in the table', async () => {
    // Prepare
    const t0 = new Date('2026-12-03T08:00:00Z');
    await store.claim('k-expired', 'f1', t0);
    await store.complete('k-expired', answer, t0);
    // Act: a day and a minute later, with another request under the same key
    const later = await store.claim('k-expired', 'f2', new Date(t0.getTime() + 24 * 3600_000 + 60_000));
    // Assess: a new claim, not the old answer and not a reuse refusal
    expect(later).toEqual({ kind: 'claimed' });
  });
});
