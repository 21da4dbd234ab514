import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoWorkStore } from '../dynamo/work-store.ts';
import { tableName } from './table.ts';

/** The `work` port: the table (layers/adapters/dynamo/work-store.ts). */
export const work = (): Dependencies['work'] => new DynamoWorkStore(dynamoDocumentClient(), tableName());
