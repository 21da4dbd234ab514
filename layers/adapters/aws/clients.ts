import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { optional } from '../config.ts';

/**
 * The AWS SDK v3 clients, created once per process. In AWS they use the defaults. For the local runtime
 * or LocalStack, `AWS_ENDPOINT_URL` (or the per-service `AWS_ENDPOINT_URL_DYNAMODB|S3|SQS`) points them
 * at the emulators; S3 then uses path-style URLs.
 */
export function endpointFor(service: 'DYNAMODB' | 'S3' | 'SQS'): string | undefined {
  return optional(`AWS_ENDPOINT_URL_${service}`) ?? optional('AWS_ENDPOINT_URL');
}

const shared = () => ({
  region: optional('AWS_REGION') ?? 'ap-southeast-1',
  maxAttempts: 3,
});

let documentClient: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sqs: SQSClient | undefined;

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  if (documentClient === undefined) {
    const endpoint = endpointFor('DYNAMODB');
    const base = new DynamoDBClient({ ...shared(), ...(endpoint === undefined ? {} : { endpoint }) });
    documentClient = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return documentClient;
}

export function s3Client(): S3Client {
  if (s3 === undefined) {
    const endpoint = endpointFor('S3');
    s3 = new S3Client({ ...shared(), ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }) });
  }
  return s3;
}

export function sqsClient(): SQSClient {
  if (sqs === undefined) {
    const endpoint = endpointFor('SQS');
    sqs = new SQSClient({ ...shared(), ...(endpoint === undefined ? {} : { endpoint, useQueueUrlAsEndpoint: false }) });
  }
  return sqs;
}
