import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoDirectoryStore } from '../dynamo/directory-store.ts';
import { tableName } from './table.ts';

/** The `directory` port: the table (layers/adapters/dynamo/directory-store.ts). */
export const directory = (): Dependencies['directory'] => new DynamoDirectoryStore(dynamoDocumentClient(), tableName());
