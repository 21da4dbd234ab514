import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedTransport, type Resolver } from '#adapters/webhooks/http-transport';
import type { Logger } from '#observability/log';

/**
 * The pinned transport against real sockets on 127.0.0.1 (with the test-only loopback allowance): it
 * connects to the address it checked — never resolving the name a second time — and what the network says
 * when nothing answers stays out of its result.
 */
type Behaviour = 'ok' | 'redirect' | 'silent' | 'endless';

let server: Server;
let port: number;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? '/', headers: request.headers });
    request.resume();
    const behaviour = (request.url ?? '/').slice(1) as Behaviour;
    if (behaviour === 'silent') return;
    if (behaviour === 'redirect') return void response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    if (behaviour === 'endless') {
      response.writeHead(200);
      const pump = (): void => {
        if (!response.destroyed) response.write(Buffer.alloc(64 * 1024, 120), (error) => (error === undefined || error === null ? setImmediate(pump) : undefined));
      };
      return pump();
    }
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ({ port } = server.address() as AddressInfo);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function recordingLogger(lines: Record<string, unknown>[]): Logger {
  const write = (message: string, fields: Record<string, unknown> = {}) => void lines.push({ message, ...fields });
  const logger: Logger = { debug: write, info: write, warn: write, error: write, child: () => logger };
  return logger;
}

/** A resolver that answers `first` once, then `later` (a DNS rebinding attacker's name server). */
function rebinding(first: string, later: string): Resolver & { calls: number } {
  const resolve = Object.assign(
    async () => {
      resolve.calls += 1;
      const address = resolve.calls === 1 ? first : later;
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    },
    { calls: 0 },
  );
  return resolve;
}

const post = (url: string, options: { resolve?: Resolver; allowLoopback?: boolean; lines?: Record<string, unknown>[]; timeoutMs?: number } = {}) =>
  pinnedTransport({
    allowLoopback: options.allowLoopback ?? true,
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
    logger: recordingLogger(options.lines ?? []),
  }).post({
    url,
    headers: { 'webhook-id': 'evt_1' },
    body: Buffer.from('{"type":"document.status"}'),
    timeoutMs: options.timeoutMs ?? 5000,
  });

describe('the pinned webhook transport', () => {
  it('connects to the address it checked, resolving the name once (DNS rebinding has no second answer to swap)', async () => {
    // Prepare: `.invalid` never resolves (RFC 6761): only the pinned address can have been dialled
    const resolve = rebinding('127.0.0.1', '10.0.0.1');
    // Act
    const result = await post(`http://rebind.invalid:${port}/ok`, { resolve });
    // Assess
    expect(result).toMatchObject({ statusCode: 204 });
    expect(resolve.calls).toBe(1);
    expect(seen.at(-1)).toMatchObject({ path: '/ok', headers: { host: `rebind.invalid:${port}`, 'webhook-id': 'evt_1' } });
  });

  it('refuses a loopback answer without the test-only allowance, sending nothing', async () => {
    // Prepare
    const before = seen.length;
    // Act
    const result = await post(`http://127.0.0.1:${port}/ok`, { allowLoopback: false });
    const named = await post(`https://hook.invalid:${port}/ok`, { allowLoopback: false, resolve: rebinding('127.0.0.1', '127.0.0.1') });
    // Assess
    expect([result, named].map((r) => 'failure' in r && r.failure)).toEqual(['address-refused', 'address-refused']);
    expect(seen.length).toBe(before);
  });

  it('answers "no answer" for a closed port, with ECONNREFUSED and the port in the server log only', async () => {
    // Prepare: a port that was just free
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const lines: Record<string, unknown>[] = [];
    // Act
    const result = await post(`http://127.0.0.1:${closedPort}/ok`, { lines });
    // Assess
    expect(result).toEqual({ failure: 'no-answer', durationMs: expect.any(Number) });
    expect(JSON.stringify(lines)).toContain('ECONNREFUSED');
  });

  it('gives up at the deadline on a receiver that never answers', async () => {
    // Act
    const result = await post(`http://127.0.0.1:${port}/silent`, { timeoutMs: 300 });
    // Assess
    expect(result).toEqual({ failure: 'no-answer', durationMs: expect.any(Number) });
    expect(result.durationMs).toBeLessThan(3000);
  });

  it('takes a redirect as the answer, without following it', async () => {
    // Prepare
    const before = seen.length;
    // Act
    const result = await post(`http://127.0.0.1:${port}/redirect`);
    // Assess
    expect(result).toMatchObject({ statusCode: 302 });
    expect(seen.length).toBe(before + 1);
  });

  it('does not read an endless response body', async () => {
    // Act
    const result = await post(`http://127.0.0.1:${port}/endless`, { timeoutMs: 2000 });
    // Assess
    expect(result).toMatchObject({ statusCode: 200 });
    expect(result.durationMs).toBeLessThan(1500);
  });
});
