/**
 * Structured JSON logs (one line per event, with the correlation id of the request or message) and
 * metrics in CloudWatch Embedded Metric Format, which Lambda turns into metrics without an API call.
 * The local runtime reads the same lines from stdout.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levels: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = levels[(process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? levels.info;
const service = process.env.SERVICE_NAME ?? 'vanthu';
const namespace = 'Vanthu';
/** `VANTHU_METRICS=off` silences metric lines (the test suite's setting). */
const metricsOff = process.env.VANTHU_METRICS === 'off';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(base: Record<string, unknown> = {}, sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const write = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (levels[level] < threshold) return;
    sink(JSON.stringify({ level, time: new Date().toISOString(), service, message, ...base, ...serializeErrors(fields) }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}

export type MetricUnit = 'Count' | 'Milliseconds' | 'Seconds' | 'Bytes';

/** Emits one metric datum in EMF, with the given dimensions (keep their cardinality low). */
export function emitMetric(
  name: string,
  value: number,
  unit: MetricUnit,
  dimensions: Record<string, string> = {},
  sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  if (metricsOff) return;
  sink(
    JSON.stringify({
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: unit }] }] },
      service,
      ...dimensions,
      [name]: value,
    }),
  );
}

function serializeErrors(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause instanceof Error ? value.cause.message : value.cause } : value;
  }
  return out;
}
