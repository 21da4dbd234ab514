import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoOutboxStore } from '../dynamo/outbox-store.ts';
import { tableName } from './table.ts';

/** The `outbox` port: the table (layers/adapters/dynamo/outbox-store.ts). */
export const outbox = (): Dependencies['outbox'] => new DynamoOutboxStore(dynamoDocumentClient(), tableName());
