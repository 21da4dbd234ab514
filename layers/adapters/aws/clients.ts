import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { optional } from '../config.ts';
import { lazy } from '../lazy.ts';

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

export const dynamoDocumentClient: () => DynamoDBDocumentClient = lazy(() => {
  const endpoint = endpointFor('DYNAMODB');
  const base = new DynamoDBClient({ ...shared(), ...(endpoint === undefined ? {} : { endpoint }) });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
});

export const s3Client: () => S3Client = lazy(() => {
  const endpoint = endpointFor('S3');
  return new S3Client({ ...shared(), ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }) });
});

export const sqsClient: () => SQSClient = lazy(() => {
  const endpoint = endpointFor('SQS');
  return new SQSClient({ ...shared(), ...(endpoint === undefined ? {} : { endpoint, useQueueUrlAsEndpoint: false }) });
});
