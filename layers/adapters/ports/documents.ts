import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoDocumentStore } from '../dynamo/document-store.ts';
import { tableName } from './table.ts';

/** The `documents` port: the table (layers/adapters/dynamo/document-store.ts). */
export const documents = (): Dependencies['documents'] => new DynamoDocumentStore(dynamoDocumentClient(), tableName());
