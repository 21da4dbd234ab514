import type { IdempotencyStore } from '#http/idempotency';
import { env } from '#infra/definitions';
import { dynamoDocumentClient } from './aws/clients.ts';
import { required } from './config.ts';
import { DynamoIdempotencyStore } from './dynamo/idempotency-store.ts';
import { lazy } from './lazy.ts';

/** The idempotency store of this function's write routes, built on first use. */
export const idempotencyStore: () => IdempotencyStore = lazy(() => new DynamoIdempotencyStore(dynamoDocumentClient(), required(env.tableName)));
