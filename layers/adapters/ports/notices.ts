import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoNoticeStore } from '../dynamo/notice-store.ts';
import { tableName } from './table.ts';

/** The `notices` port: the table (layers/adapters/dynamo/notice-store.ts). */
export const notices = (): Dependencies['notices'] => new DynamoNoticeStore(dynamoDocumentClient(), tableName());
