import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoAxisInboxLedger } from '../dynamo/axis-inbox-ledger.ts';
import { tableName } from './table.ts';

/** The `axisInbox` port: the table (layers/adapters/dynamo/axis-inbox-ledger.ts). */
export const axisInbox = (): Dependencies['axisInbox'] => new DynamoAxisInboxLedger(dynamoDocumentClient(), tableName());
