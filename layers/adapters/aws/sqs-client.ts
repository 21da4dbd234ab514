import { SQSClient } from '@aws-sdk/client-sqs';
import { shared } from '../lazy.ts';
import { clientSettings, endpointFor } from './settings.ts';

/** The SQS client, one per process. */
export const sqsClient: () => SQSClient = shared(() => {
  const endpoint = endpointFor('SQS');
  return new SQSClient({ ...clientSettings(), ...(endpoint === undefined ? {} : { endpoint, useQueueUrlAsEndpoint: false }) });
});
