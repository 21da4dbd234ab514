import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoAgencyStore } from '../dynamo/agency-store.ts';
import { tableName } from './table.ts';

/** The `agencies` port: the table (layers/adapters/dynamo/agency-store.ts). */
export const agencies = (): Dependencies['agencies'] => new DynamoAgencyStore(dynamoDocumentClient(), tableName());
