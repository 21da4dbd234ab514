import type { AxisPort } from '#domain/axis/port';
import { optional, required } from '../config.ts';
import { lazy } from '../lazy.ts';
import { createVdxpClient } from './vdxp-client.ts';

/**
 * The axis client of this function, from `AXIS_ENDPOINT`, `AXIS_SYSTEM_ID`, `AXIS_SECRET` (and optionally
 * `AXIS_FROM`, `AXIS_TIMEOUT_MS`, `AXIS_STREAM_TIMEOUT_MS`), built on first use: only the axis functions need
 * the configuration.
 */
export const axisFromEnvironment: () => AxisPort = lazy(() =>
  createVdxpClient({
    endpoint: required('AXIS_ENDPOINT'),
    systemId: required('AXIS_SYSTEM_ID'),
    secret: required('AXIS_SECRET'),
    ...(optional('AXIS_FROM') === undefined ? {} : { from: optional('AXIS_FROM') }),
    timeoutMs: Number(optional('AXIS_TIMEOUT_MS') ?? 30_000),
    ...(optional('AXIS_STREAM_TIMEOUT_MS') === undefined ? {} : { streamTimeoutMs: Number(optional('AXIS_STREAM_TIMEOUT_MS')) }),
  }),
);
