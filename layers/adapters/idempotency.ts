import type { IdempotencyStore } from '#domain/idempotency';
import { env } from '#adapters/environment';
import { dynamoDocumentClient } from './aws/dynamo-client.ts';
import { required } from './config.ts';
import { DynamoIdempotencyStore } from './dynamo/idempotency-store.ts';
import { lazy } from './lazy.ts';

/** The idempotency store of this function's write routes, built on first use. */
export const idempotencyStore: () => IdempotencyStore = lazy(() => new DynamoIdempotencyStore(dynamoDocumentClient(), required(env.tableName)));
