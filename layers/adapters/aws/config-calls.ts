import { SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { kmsClient, secretsClient, ssmClient } from './config-clients.ts';

/**
 * The three calls the stage's configuration needs, behind the aws-config engine (layers/engines): every
 * parameter under an SSM path, a secret's string, and a KMS signature over a SHA-256 digest.
 */

/** Every parameter under `path` (recursive, paged), by name relative to the path. */
export async function parametersUnder(path: string): Promise<ReadonlyMap<string, string>> {
  const base = path.replace(/\/+$/, '');
  const values = new Map<string, string>();
  let nextToken: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const result = await ssmClient().send(new GetParametersByPathCommand({ Path: base, Recursive: true, MaxResults: 10, NextToken: nextToken }));
    for (const parameter of result.Parameters ?? []) {
      if (parameter.Name === undefined || parameter.Value === undefined) continue;
      values.set(parameter.Name.slice(base.length + 1), parameter.Value);
    }
    nextToken = result.NextToken;
    if (nextToken === undefined) break;
  }
  return values;
}

/** The secret string of a Secrets Manager secret (name or ARN); throws when it holds none. */
export async function secretString(secretId: string): Promise<string> {
  const result = await secretsClient().send(new GetSecretValueCommand({ SecretId: secretId }));
  if (result.SecretString === undefined || result.SecretString === '') throw new Error(`the secret ${secretId} holds no string`);
  return result.SecretString;
}

/** One KMS Sign call over a SHA-256 digest (MessageType DIGEST). */
export async function signDigest(keyId: string, digest: Uint8Array, algorithm: SigningAlgorithmSpec): Promise<Uint8Array> {
  const result = await kmsClient().send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }));
  if (result.Signature === undefined) throw new Error('KMS Sign returned no signature');
  return result.Signature;
}
