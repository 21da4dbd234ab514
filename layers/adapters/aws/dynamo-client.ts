import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shared } from '../lazy.ts';
import { clientSettings, endpointFor } from './settings.ts';

/** The DynamoDB document client, one per process: it reads no grant, only the region and endpoint. */
export const dynamoDocumentClient: () => DynamoDBDocumentClient = shared(() => {
  const endpoint = endpointFor('DYNAMODB');
  const base = new DynamoDBClient({ ...clientSettings(), ...(endpoint === undefined ? {} : { endpoint }) });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
});
