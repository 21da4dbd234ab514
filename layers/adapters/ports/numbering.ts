import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoNumberingStore } from '../dynamo/numbering-store.ts';
import { tableName } from './table.ts';

/** The `numbering` port: the table (layers/adapters/dynamo/numbering-store.ts). */
export const numbering = (): Dependencies['numbering'] => new DynamoNumberingStore(dynamoDocumentClient(), tableName());
