import type { Dependencies } from '#app/context';
import { systemClock } from '#domain/ports';
import { env } from '#infra/definitions';
import { dynamoDocumentClient } from './aws/clients.ts';
import { required } from './config.ts';
import { DynamoAgencyStore } from './dynamo/agency-store.ts';
import { DynamoDocumentStore } from './dynamo/document-store.ts';
import { DynamoRecordStore } from './dynamo/record-store.ts';
import { calendarFromEnvironment } from './calendar.ts';
import { ulidGenerator } from './ids.ts';
import { signaturePolicyFromEnvironment } from './signature/policy.ts';
import { filePorts } from './s3/file-ports.ts';

let cached: Dependencies | undefined;

/**
 * The composition root of a function: the real adapters, built once per container (warm invocations
 * reuse the clients and the counter cache).
 */
export function dependencies(): Dependencies {
  const tableName = required(env.tableName);
  cached ??= {
    documents: new DynamoDocumentStore(dynamoDocumentClient(), tableName),
    agencies: new DynamoAgencyStore(dynamoDocumentClient(), tableName),
    files: filePorts(dynamoDocumentClient(), tableName),
    records: new DynamoRecordStore(dynamoDocumentClient(), tableName),
    clock: systemClock,
    ids: ulidGenerator,
    calendar: calendarFromEnvironment(),
    signaturePolicy: signaturePolicyFromEnvironment(),
  };
  return cached;
}
