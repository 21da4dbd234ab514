import type { AxisPort } from '#domain/axis/port';
import { optional, required } from '../config.ts';
import { env } from '../environment.ts';
import { lazy } from '../lazy.ts';
import { createVdxpClient } from './vdxp-client.ts';

/**
 * The axis client of this function, from `AXIS_ENDPOINT`, `AXIS_SYSTEM_ID` and `AXIS_SECRET_ID` — the name
 * of the Secrets Manager secret holding the system's secret, read on the first request, never an
 * environment variable — (and optionally `AXIS_FROM`, `AXIS_TIMEOUT_MS`, `AXIS_STREAM_TIMEOUT_MS`), built
 * on first use: only the axis functions need the configuration.
 */
export const axisFromEnvironment: () => AxisPort = lazy(() => {
  const secretId = required(env.axisSecretId);
  return createVdxpClient({
    endpoint: required('AXIS_ENDPOINT'),
    systemId: required('AXIS_SYSTEM_ID'),
    secret: () => axisSecret(secretId),
    ...(optional('AXIS_FROM') === undefined ? {} : { from: optional('AXIS_FROM') }),
    timeoutMs: Number(optional('AXIS_TIMEOUT_MS') ?? 30_000),
    ...(optional('AXIS_STREAM_TIMEOUT_MS') === undefined ? {} : { streamTimeoutMs: Number(optional('AXIS_STREAM_TIMEOUT_MS')) }),
  });
});

/** The axis secret: the secret string of `secretId` in Secrets Manager (through the aws-config engine). */
export async function axisSecret(secretId: string): Promise<string> {
  return (await import('#engines/aws-config')).secretString(secretId);
}
