import { afterEach, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_SECRET_KEY_ENV } from '#adapters/crypto/secret-cipher';
import { LOOPBACK_ENDPOINTS_ENV, webhookPorts } from '#adapters/webhooks/webhook-ports';
import { env } from '#infra/definitions';

/**
 * Loopback endpoints are a test-only allowance of the local runtime, never a production bypass: off unless
 * asked for, only for a function holding the local key, and a function outside the local runtime (it has the
 * KMS key) refuses to start when asked.
 */
const client = {} as DynamoDBDocumentClient;
const names = [LOOPBACK_ENDPOINTS_ENV, LOCAL_SECRET_KEY_ENV, env.webhookSecretsKey];
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

function setEnvironment(values: Partial<Record<string, string>>): void {
  for (const name of names) {
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

afterEach(() => setEnvironment(Object.fromEntries(Object.entries(saved).filter((entry): entry is [string, string] => entry[1] !== undefined))));

describe('the loopback allowance of outbound webhooks', () => {
  it('is off by default, in the local runtime as in AWS', () => {
    // Prepare
    setEnvironment({ [LOCAL_SECRET_KEY_ENV]: 'local-key' });
    // Act
    const ports = webhookPorts(client, 'table');
    // Assess
    expect(ports.allowLoopbackEndpoints).toBe(false);
  });

  it('is on in the local runtime when its tests ask for it', () => {
    // Prepare
    setEnvironment({ [LOCAL_SECRET_KEY_ENV]: 'local-key', [LOOPBACK_ENDPOINTS_ENV]: '1' });
    // Act
    const ports = webhookPorts(client, 'table');
    // Assess
    expect(ports.allowLoopbackEndpoints).toBe(true);
  });

  it('is off for a function holding no webhook key (it registers and sends no webhook)', () => {
    // Prepare
    setEnvironment({ [LOOPBACK_ENDPOINTS_ENV]: '1' });
    // Act
    const ports = webhookPorts(client, 'table');
    // Assess
    expect(ports.allowLoopbackEndpoints).toBe(false);
  });

  it.each([
    ['a deployed function (KMS key)', { [env.webhookSecretsKey]: 'arn:aws:kms:ap-southeast-1:1:key/k', [LOOPBACK_ENDPOINTS_ENV]: '1' }],
    [
      'a deployed function with a stray local key too',
      { [env.webhookSecretsKey]: 'arn:aws:kms:ap-southeast-1:1:key/k', [LOCAL_SECRET_KEY_ENV]: 'local-key', [LOOPBACK_ENDPOINTS_ENV]: '1' },
    ],
    ['a value other than 1', { [LOCAL_SECRET_KEY_ENV]: 'local-key', [LOOPBACK_ENDPOINTS_ENV]: 'true' }],
  ])('makes %s refuse to start', (_name, values) => {
    // Prepare
    setEnvironment(values);
    // Act + Assess
    expect(() => webhookPorts(client, 'table')).toThrowError(LOOPBACK_ENDPOINTS_ENV);
  });
});
