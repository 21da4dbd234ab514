import { optional } from '../config.ts';

/**
 * What every AWS SDK client of the system shares. In AWS the clients use the defaults. For the local runtime
 * or LocalStack, `AWS_ENDPOINT_URL` (or the per-service `AWS_ENDPOINT_URL_DYNAMODB|S3|SQS|KMS|SESV2|SSM|SECRETS_MANAGER`) points
 * them at the emulators. One module per client (./dynamo-client.ts, ./s3-client.ts, ./sqs-client.ts), so a
 * function's bundle holds only the clients its ports use.
 */
export function endpointFor(service: 'DYNAMODB' | 'S3' | 'SQS' | 'KMS' | 'SESV2' | 'SSM' | 'SECRETS_MANAGER'): string | undefined {
  return optional(`AWS_ENDPOINT_URL_${service}`) ?? optional('AWS_ENDPOINT_URL');
}

export const clientSettings = () => ({
  region: optional('AWS_REGION') ?? 'ap-southeast-1',
  maxAttempts: 3,
});
