import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoReminderStore } from '../dynamo/reminder-store.ts';
import { tableName } from './table.ts';

/** The `reminders` port: the table (layers/adapters/dynamo/reminder-store.ts). */
export const reminders = (): Dependencies['reminders'] => new DynamoReminderStore(dynamoDocumentClient(), tableName());
