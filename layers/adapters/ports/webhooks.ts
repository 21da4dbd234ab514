import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { webhookPorts } from '../webhooks/webhook-ports.ts';
import { tableName } from './table.ts';

/** The `webhooks` port: keys, receipts and endpoints in the table, the secrets key (KMS), the webhook outbox. */
export const webhooks = (): Dependencies['webhooks'] => webhookPorts(dynamoDocumentClient(), tableName());
