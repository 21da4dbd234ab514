import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoRecordStore } from '../dynamo/record-store.ts';
import { tableName } from './table.ts';

/** The `records` port: the table (layers/adapters/dynamo/record-store.ts). */
export const records = (): Dependencies['records'] => new DynamoRecordStore(dynamoDocumentClient(), tableName());
