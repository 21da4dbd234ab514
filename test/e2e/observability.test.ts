/**
 * The local runtime writes the lines Lambda would (issue 19): a request's log line names the function, the
 * request id, the cold start and the release; its metrics are one EMF line; `/health` and the OpenAPI
 * document name the release, never `dev`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { releaseVersion } from '#infra/version';
import { startTestApi, type TestApi } from '../support/api.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
  delete process.env.VANTHU_METRICS;
  delete process.env.VANTHU_VERSION;
});

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api.runtime.close();
});

/** The JSON lines written while `run` runs. */
async function linesOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

describe('the local runtime', () => {
  it('names the release in /health and in the OpenAPI document', async () => {
    // Act
    const health = await api.request('GET', '/health');
    const openapi = await api.request('GET', '/openapi.json');

    // Assess
    const release = releaseVersion({});
    expect(release).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}(\.dirty)?$/);
    expect(health.body).toEqual({ status: 'ok', version: release });
    expect(openapi.body.info.version).toBe(release);
  });

  it('writes a request as Lambda would: one log line with the invocation, one metric line', async () => {
    // Act: the second request of the function is a warm one.
    const lines = await linesOf(async () => {
      await api.request('GET', '/health', { headers: { 'x-correlation-id': 'obs-1' } });
      await api.request('GET', '/health', { headers: { 'x-correlation-id': 'obs-2' } });
    });

    // Assess
    const requests = lines.filter((line) => line.message === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({
      level: 'INFO',
      service: 'vanthu',
      version: releaseVersion({}),
      function_name: 'health',
      function_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      cold_start: false,
      operation: 'health',
      correlationId: 'obs-2',
      status: 200,
    });
    const metrics = lines.filter((line) => line._aws !== undefined && line.operation === 'health');
    expect(metrics).toHaveLength(2);
    expect(metrics[0]).toMatchObject({ Requests: 1, Failed: 0, Refused: 0, Latency: expect.any(Number) });
  });
});
