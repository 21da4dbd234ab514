import type { Context } from 'aws-lambda';
import { emitMetric, inInvocationScope, MetricBatch } from './log.ts';

/** Functions that have run in this process: the first invocation of each is its cold start. */
const warm = new Set<string>();

/**
 * Runs one Lambda invocation inside its scope: every log line written while it runs — by the handler and
 * by the use cases and adapters it calls — carries the function's name, the Lambda request id, the
 * cold-start flag (Powertools' field names) and `fields`; Powertools adds the X-Ray trace id. The metrics
 * recorded meanwhile are written together when it ends, whatever the outcome; a cold start also counts
 * `ColdStart` (dimension `function`).
 *
 * @example
 * export const handler = (event: SQSEvent, context: Context) => instrument(context, { operation: 'axisSender' }, () => send(event));
 */
export async function instrument<T>(context: Context | undefined, fields: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const functionName = context?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
  const coldStart = !warm.has(functionName);
  warm.add(functionName);
  const metrics = new MetricBatch();
  const scope = {
    fields: {
      function_name: functionName,
      ...(context === undefined ? {} : { function_request_id: context.awsRequestId, function_memory_size: Number(context.memoryLimitInMB) }),
      cold_start: coldStart,
      ...fields,
    },
    metrics,
  };
  try {
    return await inInvocationScope(scope, async () => {
      if (coldStart) emitMetric('ColdStart', 1, 'Count', { function: functionName });
      return await run();
    });
  } finally {
    metrics.write();
  }
}

/** A handler that runs instrumented, marked with its operation so that a test can tell every worker is. */
export type InstrumentedHandler<E, R> = ((event: E, context: Context) => Promise<R>) & { readonly instrumented: string };

/**
 * Wraps a worker's handler (a queue consumer, a schedule) in {@link instrument}; HTTP handlers get the same
 * from httpRoute (layers/http/route.ts).
 *
 * @example
 * export const handler = instrumented('outboxRelay', async () => { ... });
 */
export function instrumented<E, R>(operation: string, handler: (event: E, context: Context) => Promise<R>): InstrumentedHandler<E, R> {
  return Object.assign((event: E, context: Context) => instrument(context, { operation }, () => handler(event, context)), { instrumented: operation });
}
