import type { Dependencies } from '#app/context';
import { dynamoDocumentClient } from '../aws/dynamo-client.ts';
import { DynamoAgencyStore } from '../dynamo/agency-store.ts';
import { notifierFromEnvironment } from '../notifications/from-environment.ts';
import { tableName } from './table.ts';

/** The `notifier` port: e-mail through SES in AWS (VANTHU_MAIL_FROM), the local outbox locally. */
export const notifier = (): Dependencies['notifier'] => notifierFromEnvironment(new DynamoAgencyStore(dynamoDocumentClient(), tableName()));
