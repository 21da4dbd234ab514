import { describe, expect, it } from 'vitest';
import { pinnedTransport, type Resolver } from '#adapters/webhooks/http-transport';
import type { Logger } from '#observability/log';

/**
 * The send-time SSRF check of the transport, without network: what it refuses, it refuses before any
 * connection (the resolver is injected; a refused address is never dialled), and it answers without text.
 */
function recordingLogger(lines: { message: string; fields: Record<string, unknown> }[]): Logger {
  const write = (message: string, fields: Record<string, unknown> = {}) => void lines.push({ message, fields });
  const logger: Logger = { debug: write, info: write, warn: write, error: write, child: () => logger };
  return logger;
}

function transport(answers: Record<string, readonly string[]>, allowLoopback = false) {
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const post = (url: string) => pinnedTransport({ allowLoopback, resolve, logger: recordingLogger(lines) }).post({ url, headers: {}, body: Buffer.from('{}'), timeoutMs: 2000 });
  return { post, lines, asked };
}

describe('the webhook transport refuses special-purpose destinations at send time', () => {
  it.each([
    ['a name that resolves to a private address (nip.io)', 'https://10.0.0.1.nip.io/hook', { '10.0.0.1.nip.io': ['10.0.0.1'] }, '10.0.0.0/8'],
    ['a name with one public and one private address', 'https://mixed.example.vn/hook', { 'mixed.example.vn': ['93.184.216.34', '192.168.1.10'] }, '192.168.0.0/16'],
    ['a name that resolves to IMDS', 'https://metadata.example.vn/hook', { 'metadata.example.vn': ['169.254.169.254'] }, '169.254.0.0/16'],
    ['a name that resolves to NAT64 of a private address', 'https://nat64.example.vn/hook', { 'nat64.example.vn': ['64:ff9b::a00:1'] }, '64:ff9b::/96'],
    ['a name that resolves to IPv4-mapped loopback', 'https://mapped.example.vn/hook', { 'mapped.example.vn': ['::ffff:127.0.0.1'] }, '127.0.0.0/8'],
    ['a name that resolves to benchmarking space', 'https://bench.example.vn/hook', { 'bench.example.vn': ['198.18.0.1'] }, '198.18.0.0/15'],
    ['a name that resolves to multicast', 'https://mcast.example.vn/hook', { 'mcast.example.vn': ['ff02::1'] }, 'ff00::/8'],
    ['an IP literal stored before the URL check was tightened', 'https://[::7f00:1]/hook', { '::7f00:1': ['::7f00:1'] }, '::/96'],
    ['localhost with a trailing dot', 'https://localhost./hook', { 'localhost.': ['127.0.0.1'] }, '127.0.0.0/8'],
  ])('%s', async (_name, url, answers, range) => {
    // Prepare
    const { post, lines } = transport(answers);
    // Act
    const result = await post(url);
    // Assess: refused before any connection; the detail is in the server log only
    expect(result).toEqual({ failure: 'address-refused', durationMs: expect.any(Number) });
    expect(lines).toEqual([{ message: 'webhook endpoint refused', fields: expect.objectContaining({ reason: expect.stringContaining(range) }) }]);
  });

  it('refuses loopback without the test-only allowance, and anything but loopback with it', async () => {
    // Prepare
    const strict = transport({ 'hook.example.vn': ['127.0.0.1'] });
    const allowing = transport({ 'hook.example.vn': ['10.1.2.3'] }, true);
    // Act
    const results = [await strict.post('https://hook.example.vn/'), await allowing.post('https://hook.example.vn/')];
    // Assess
    expect(results.map((r) => 'failure' in r && r.failure)).toEqual(['address-refused', 'address-refused']);
  });

  it('refuses plain http and other schemes (the allowance aside) without resolving', async () => {
    // Prepare
    const { post, asked } = transport({ 'hook.example.vn': ['93.184.216.34'] });
    // Act
    const results = [await post('http://hook.example.vn/'), await post('ftp://hook.example.vn/'), await post('not a url')];
    // Assess
    expect(results.map((r) => 'failure' in r && r.failure)).toEqual(['address-refused', 'address-refused', 'address-refused']);
    expect(asked).toEqual([]);
  });

  it('reports a name that does not resolve as no answer, without the resolver error', async () => {
    // Prepare
    const { post, lines } = transport({});
    // Act
    const result = await post('https://nowhere.example.vn/hook');
    // Assess
    expect(result).toEqual({ failure: 'no-answer', durationMs: expect.any(Number) });
    expect(JSON.stringify(result)).not.toContain('ENOTFOUND');
    expect(lines[0]?.fields).toMatchObject({ stage: 'dns', cause: expect.stringContaining('ENOTFOUND') });
  });
});
