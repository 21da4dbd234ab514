import type { Dependencies } from '#app/context';
import { systemClock } from '#domain/ports';
import { env } from '#infra/definitions';
import { dynamoDocumentClient, sqsClient } from './aws/clients.ts';
import { optional, required } from './config.ts';
import { DynamoAgencyStore } from './dynamo/agency-store.ts';
import { DynamoDeliveryStore } from './dynamo/delivery-store.ts';
import { DynamoDocumentStore } from './dynamo/document-store.ts';
import { DynamoNumberingStore } from './dynamo/numbering-store.ts';
import { DynamoRecordStore } from './dynamo/record-store.ts';
import { DynamoReminderStore } from './dynamo/reminder-store.ts';
import { calendarFromEnvironment } from './calendar.ts';
import { DynamoKpiStore } from './dynamo/kpi-store.ts';
import { axisFromEnvironment } from './axis/from-environment.ts';
import { DynamoOutboxStore } from './dynamo/outbox-store.ts';
import { DynamoAxisInboxLedger } from './dynamo/axis-inbox-ledger.ts';
import { ulidGenerator } from './ids.ts';
import { lazy } from './lazy.ts';
import { SqsMessageQueue } from './sqs/message-queue.ts';
import { kpiTargetsFromEnvironment } from './kpi-targets.ts';
import { notifierFromEnvironment } from './notifications/from-environment.ts';
import { signaturePolicyFromEnvironment } from './signature/policy.ts';
import { filePorts } from './s3/file-ports.ts';
import { webhookPorts } from './webhooks/webhook-ports.ts';

/**
 * The composition root of a function: the real adapters, built once per container (warm invocations
 * reuse the clients and the counter cache).
 */
export const dependencies: () => Dependencies = lazy(() => {
  const tableName = required(env.tableName);
  return {
    documents: new DynamoDocumentStore(dynamoDocumentClient(), tableName),
    numbering: new DynamoNumberingStore(dynamoDocumentClient(), tableName),
    agencies: new DynamoAgencyStore(dynamoDocumentClient(), tableName),
    files: filePorts(dynamoDocumentClient(), tableName),
    records: new DynamoRecordStore(dynamoDocumentClient(), tableName),
    clock: systemClock,
    ids: ulidGenerator,
    calendar: calendarFromEnvironment(),
    deliveries: new DynamoDeliveryStore(dynamoDocumentClient(), tableName),
    webhooks: webhookPorts(dynamoDocumentClient(), tableName),
    signaturePolicy: signaturePolicyFromEnvironment(),
    kpi: new DynamoKpiStore(dynamoDocumentClient(), tableName),
    kpiTargets: kpiTargetsFromEnvironment(),
    outbox: new DynamoOutboxStore(dynamoDocumentClient(), tableName),
    queue: new SqsMessageQueue(sqsClient),
    axis: axisFromEnvironment,
    axisInbox: new DynamoAxisInboxLedger(dynamoDocumentClient(), tableName),
    cityCode: optional('VANTHU_CITY_CODE') ?? '000.00.00.H26',
    reminders: new DynamoReminderStore(dynamoDocumentClient(), tableName),
    notifier: notifierFromEnvironment(new DynamoAgencyStore(dynamoDocumentClient(), tableName)),
  };
});
