import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit as PowertoolsUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';

/**
 * The project's own small interface to logs and metrics; Powertools for AWS Lambda (Logger, Metrics) writes
 * them. One JSON line per log event on stdout, with the service, its version and — inside an invocation
 * (./invocation.ts) — the Lambda request id, the cold-start flag, the function name and the X-Ray trace id,
 * beside the correlation id of the request or message. Metrics are CloudWatch Embedded Metric Format
 * lines, which Lambda turns into metrics without an API call: inside an invocation they are gathered and
 * written once at its end, one line per set of dimensions. The local runtime writes the same lines.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type MetricUnit = 'Count' | 'Milliseconds' | 'Seconds' | 'Bytes';

/** The service every line names, and the CloudWatch namespace of its metrics. */
export const SERVICE = 'vanthu';
export const METRICS_NAMESPACE = 'Vanthu';

/** The release deployed (VANTHU_VERSION, set by the CDK app and the local runtime), or `dev` when nothing set it. */
export function serviceVersion(): string {
  return process.env.VANTHU_VERSION ?? 'dev';
}

/** What every line of the current invocation carries (./invocation.ts), and its metrics not yet written. */
export interface InvocationScope {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly metrics: MetricBatch;
}

const invocations = new AsyncLocalStorage<InvocationScope>();

/** Runs `run` as one invocation: its lines carry `fields`, its metrics go to `metrics` (written by the caller). */
export function inInvocationScope<T>(scope: InvocationScope, run: () => T): T {
  return invocations.run(scope, run);
}

const root = new PowertoolsLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE,
  logLevel: logLevelOf(process.env.LOG_LEVEL),
});

/**
 * A logger whose lines carry `base` (and the current invocation's fields). Error values are written with
 * their name, message, stack and cause.
 *
 * @example
 * const log = createLogger({ correlationId, documentId });
 * log.warn('nothing to send: not an issued outgoing document');
 */
export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    root[level](message, { version: serviceVersion(), ...invocations.getStore()?.fields, ...base, ...serializeErrors(fields) });
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

/**
 * Records one metric datum with the given dimensions (keep their cardinality low). Inside an invocation it
 * is written with the others at the invocation's end; outside one (a command-line tool), at once.
 * `VANTHU_METRICS=off` (the test suite's setting) writes nothing.
 */
export function emitMetric(name: string, value: number, unit: MetricUnit, dimensions: Record<string, string> = {}): void {
  if (process.env.VANTHU_METRICS === 'off') return;
  const scope = invocations.getStore();
  if (scope !== undefined) {
    scope.metrics.add(name, value, unit, dimensions);
    return;
  }
  const single = new MetricBatch();
  single.add(name, value, unit, dimensions);
  single.write();
}

const units: Record<MetricUnit, (typeof PowertoolsUnit)[keyof typeof PowertoolsUnit]> = {
  Count: PowertoolsUnit.Count,
  Milliseconds: PowertoolsUnit.Milliseconds,
  Seconds: PowertoolsUnit.Seconds,
  Bytes: PowertoolsUnit.Bytes,
};

/** EMF takes at most 100 values of a metric in one line, and 100 metrics. */
const MAX_VALUES = 100;

/**
 * The metrics of one invocation, grouped by their dimensions: `write` makes one EMF line per group (values
 * of the same metric as an array, at most 100 a line), through Powertools Metrics.
 */
export class MetricBatch {
  private readonly groups = new Map<string, { dimensions: Record<string, string>; data: { name: string; value: number; unit: MetricUnit }[] }>();

  add(name: string, value: number, unit: MetricUnit, dimensions: Record<string, string>): void {
    const key = JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    const group = this.groups.get(key) ?? { dimensions, data: [] };
    group.data.push({ name, value, unit });
    this.groups.set(key, group);
  }

  /** How many data wait to be written. */
  get size(): number {
    let size = 0;
    for (const group of this.groups.values()) size += group.data.length;
    return size;
  }

  /** Writes every group and empties the batch. */
  write(): void {
    for (const { dimensions, data } of this.groups.values()) {
      for (let at = 0; at < data.length; at += MAX_VALUES) {
        emf.addDimensions(dimensions);
        for (const datum of data.slice(at, at + MAX_VALUES)) emf.addMetric(datum.name, units[datum.unit], datum.value);
        emf.publishStoredMetrics();
      }
    }
    this.groups.clear();
  }
}

const emf = new PowertoolsMetrics({ namespace: METRICS_NAMESPACE, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE });

/** LOG_LEVEL (debug, info, warn, error; any case), `info` when unset or unknown. */
function logLevelOf(setting: string | undefined): 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' {
  const level = (setting ?? '').toUpperCase();
  return level === 'DEBUG' || level === 'WARN' || level === 'ERROR' ? level : 'INFO';
}

function serializeErrors(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause instanceof Error ? value.cause.message : value.cause } : value;
  }
  return out;
}
