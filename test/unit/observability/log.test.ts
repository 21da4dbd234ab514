/** Logs and metrics through Powertools, behind layers/observability (issue 19). */
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The suite runs with LOG_LEVEL=error and metrics off; this file reads the lines an operator would.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
  delete process.env.VANTHU_METRICS;
  process.env.VANTHU_VERSION = '9.9.9+test';
});

const { instrument, instrumented } = await import('#observability/invocation');
const { createLogger, emitMetric } = await import('#observability/log');
const { processBatch } = await import('#adapters/sqs/batch');

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  // Powertools writes warnings and errors on stderr, the rest on stdout; Lambda sends both to the log group.
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk)
      .split('\n')
      .filter((l) => l !== ''))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env._X_AMZN_TRACE_ID;
});

function context(functionName: string, awsRequestId: string): Context {
  return { functionName, awsRequestId, memoryLimitInMB: '512' } as Context;
}

const logLines = () => lines.filter((line) => line._aws === undefined);
const metricLines = () => lines.filter((line) => line._aws !== undefined);

describe('a log line inside an invocation', () => {
  it('carries the service, version, function, request id, cold start, trace id and correlation id', async () => {
    // Prepare
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

    // Act
    await instrument(context('trace-fn', 'req-1'), { operation: 'axisSender' }, async () => createLogger({ correlationId: 'msg-1' }).info('sent', { recipient: 'X' }));
    await instrument(context('trace-fn', 'req-2'), { operation: 'axisSender' }, async () => createLogger({ correlationId: 'msg-2' }).info('sent'));

    // Assess
    const [first, second] = logLines();
    expect(first).toMatchObject({
      level: 'INFO',
      message: 'sent',
      service: 'vanthu',
      version: '9.9.9+test',
      function_name: 'trace-fn',
      function_request_id: 'req-1',
      function_memory_size: 512,
      cold_start: true,
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      operation: 'axisSender',
      correlationId: 'msg-1',
      recipient: 'X',
    });
    expect(second).toMatchObject({ function_request_id: 'req-2', cold_start: false, correlationId: 'msg-2' });
  });

  it('is written by the use cases the handler calls, with the invocation fields they never saw', async () => {
    // Act: a logger made deep inside, with no knowledge of the invocation.
    await instrument(context('deep-fn', 'req-9'), {}, async () => {
      await Promise.resolve();
      createLogger({ documentId: 'd-1' }).warn('nothing to send');
    });

    // Assess
    expect(logLines()[0]).toMatchObject({ level: 'WARN', function_request_id: 'req-9', documentId: 'd-1' });
  });

  it('writes an error with its name, message and stack', async () => {
    // Act
    await instrument(context('error-fn', 'req-3'), {}, async () => createLogger().error('failed', { error: new TypeError('bad', { cause: new Error('root') }) }));

    // Assess
    expect(logLines()[0]?.error).toMatchObject({ name: 'TypeError', message: 'bad', cause: 'root', stack: expect.stringContaining('TypeError: bad') });
  });
});

describe('metrics of an invocation', () => {
  it('are written once, at its end, one EMF line per set of dimensions', async () => {
    // Act
    let writtenDuring = -1;
    await instrument(context('batch-fn', 'req-4'), {}, async () => {
      for (let i = 0; i < 25; i += 1) emitMetric('QueueLag', i, 'Milliseconds', { operation: 'webhookSender' });
      emitMetric('QueueRecords', 1, 'Count', { operation: 'webhookSender' });
      emitMetric('OutboxRelayed', 3, 'Count');
      writtenDuring = metricLines().length;
    });

    // Assess: nothing before the end; the cold start, the operation's two metrics together, the undimensioned one.
    expect(writtenDuring).toBe(0);
    const written = metricLines();
    expect(written).toHaveLength(3);
    const operation = written.find((line) => line.operation === 'webhookSender');
    expect(operation?.QueueLag).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(operation?.QueueRecords).toBe(1);
    expect(operation?._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'Vanthu', Dimensions: [['service', 'operation']] }] });
    expect(written.find((line) => line.ColdStart !== undefined)).toMatchObject({ function: 'batch-fn', ColdStart: 1 });
    expect(written.find((line) => line.OutboxRelayed !== undefined)).toMatchObject({ service: 'vanthu', OutboxRelayed: 3 });
  });

  it('are written when the invocation throws', async () => {
    // Act
    const run = instrument(context('throw-fn', 'req-5'), {}, async () => {
      emitMetric('Failures', 1, 'Count');
      throw new Error('boom');
    });

    // Assess
    await expect(run).rejects.toThrow('boom');
    expect(metricLines().some((line) => line.Failures === 1)).toBe(true);
  });

  it('hold at most 100 values of a metric a line', async () => {
    // Act
    await instrument(context('many-fn', 'req-6'), {}, async () => {
      for (let i = 0; i < 150; i += 1) emitMetric('QueueLag', i, 'Milliseconds', { operation: 'many' });
    });

    // Assess
    const lags = metricLines().filter((line) => line.operation === 'many');
    expect(lags.map((line) => (line.QueueLag as number[]).length)).toEqual([100, 50]);
  });

  it('outside an invocation are written at once', () => {
    // Act
    emitMetric('Rebuilt', 2, 'Count', { tool: 'cli' });

    // Assess
    expect(metricLines()).toEqual([expect.objectContaining({ tool: 'cli', Rebuilt: 2 })]);
  });
});

describe('a queue consumer', () => {
  it('records how long each message waited (QueueLag) and each outcome, batched', async () => {
    // Prepare
    const sentAt = Date.now() - 5000;
    const record = (id: string) => ({ messageId: id, body: '{}', attributes: { SentTimestamp: String(sentAt), ApproximateReceiveCount: '1' } }) as never;
    const handler = instrumented('lagConsumer', (event: { Records: never[] }) => processBatch(event as never, { operation: 'lagConsumer' }, async () => 'done'));

    // Act
    await handler({ Records: [record('m-1'), record('m-2')] }, context('lag-fn', 'req-7'));

    // Assess
    const line = metricLines().find((l) => l.operation === 'lagConsumer' && l.QueueLag !== undefined);
    expect(line?.QueueLag).toHaveLength(2);
    for (const lag of (line?.QueueLag ?? []) as number[]) expect(lag).toBeGreaterThanOrEqual(5000);
    expect(metricLines().find((l) => l.operation === 'lagConsumer' && l.outcome === 'done')?.QueueRecords).toEqual([1, 1]);
    expect(handler.instrumented).toBe('lagConsumer');
  });
});
