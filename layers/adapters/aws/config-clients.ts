import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { shared } from '../lazy.ts';
import { clientSettings, endpointFor } from './settings.ts';

/** The SSM client (stage parameters), one per process; the local runtime's emulator through AWS_ENDPOINT_URL_SSM. */
export const ssmClient: () => SSMClient = shared(() => {
  const endpoint = endpointFor('SSM');
  return new SSMClient({ ...clientSettings(), ...(endpoint === undefined ? {} : { endpoint }) });
});

/** The Secrets Manager client (the axis secret), one per process. */
export const secretsClient: () => SecretsManagerClient = shared(() => {
  const endpoint = endpointFor('SECRETS_MANAGER');
  return new SecretsManagerClient({ ...clientSettings(), ...(endpoint === undefined ? {} : { endpoint }) });
});

/** The KMS client of the agency seal keys, one per process. */
export const kmsClient: () => KMSClient = shared(() => {
  const endpoint = endpointFor('KMS');
  return new KMSClient({ ...clientSettings(), ...(endpoint === undefined ? {} : { endpoint }) });
});
