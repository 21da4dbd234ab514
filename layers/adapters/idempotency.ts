import type { IdempotencyStore } from '#http/idempotency';
import { env } from '#infra/definitions';
import { dynamoDocumentClient } from './aws/clients.ts';
import { required } from './config.ts';
import { DynamoIdempotencyStore } from './dynamo/idempotency-store.ts';

let store: IdempotencyStore | undefined;

/** The idempotency store of this function's write routes, built on first use. */
export function idempotencyStore(): IdempotencyStore {
  store ??= new DynamoIdempotencyStore(dynamoDocumentClient(), required(env.tableName));
  return store;
}
