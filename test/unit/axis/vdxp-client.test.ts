import { describe, expect, it } from 'vitest';
import { createVdxpClient, VdxpClient, type VdxpClientOptions } from '#adapters/axis/vdxp-client';
import { EMPTY_BODY_SHA256 } from '#adapters/axis/protocol';
import { staticCredentialSigner } from '#adapters/axis/signer';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';
import type { AxisSignableRequest } from '#domain/axis/port';
import { fail, fakeFetch, hang, ok, type FakeFetch } from './fake-fetch.ts';
import { GOVERNMENT_OFFICE, HANOI, MINISTRY, sha256 } from './packages.ts';

const ENDPOINT = 'https://axis.example.test/vdxp/';
const body = Buffer.from('<edXML:edXML>package body SECRET-CONTENT</edXML:edXML>');
const hash = sha256(body);

function client(fake: FakeFetch, options: Partial<VdxpClientOptions> = {}): VdxpClient {
  return new VdxpClient({ endpoint: ENDPOINT, signer: staticCredentialSigner({ systemId: 'hanoi', secret: 's3cret' }), from: HANOI, fetch: fake.fetch, ...options });
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('sendEdoc request', () => {
  it('posts the package with the VDXP headers, the hash and the credentials', async () => {
    // Prepare
    const fake = fakeFetch(ok({ DocId: 'D-1' }));
    // Act
    const result = await client(fake).sendEdoc({ body, sha256Hex: hash.toUpperCase(), messageType: 'edoc', to: [GOVERNMENT_OFFICE, MINISTRY] });
    // Assess
    expect(result).toEqual({ docId: 'D-1' });
    const [request] = fake.requests;
    expect(request?.url).toBe('https://axis.example.test/vdxp/sendEdoc');
    expect(request?.method).toBe('POST');
    expect(request?.headers).toEqual({
      from: HANOI,
      servicetype: 'eDoc',
      messagetype: 'edoc',
      to: JSON.stringify([GOVERNMENT_OFFICE, MINISTRY]),
      'hash-file': hash,
      'content-type': 'application/octet-stream',
      systemid: 'hanoi',
      secret: 's3cret',
    });
    expect(request?.body.equals(body)).toBe(true);
  });

  it('streams a chunked body unchanged, half-duplex, and leaves out an empty to', async () => {
    // Prepare
    const fake = fakeFetch(ok({ DocId: 42 }));
    // Act
    const result = await client(fake).sendEdoc({ body: chunked(body, 7), sha256Hex: hash, messageType: 'status', to: [], from: MINISTRY });
    // Assess
    expect(result.docId).toBe('42');
    const [request] = fake.requests;
    expect(request?.body.equals(body)).toBe(true);
    expect(request?.duplex).toBe('half');
    expect(request?.headers).toMatchObject({ from: MINISTRY, messagetype: 'status' });
    expect(request?.headers).not.toHaveProperty('to');
  });

  it('gives the signer the method, URL, headers and body hash, and sends what it returns', async () => {
    // Prepare
    const fake = fakeFetch(ok({ DocId: 'D-1' }), ok({ data: [] }));
    const seen: AxisSignableRequest[] = [];
    const signer = { sign: async (request: AxisSignableRequest) => (seen.push(request), { authorization: `Sig ${request.bodyHash.slice(0, 8)}` }) };
    const axis = client(fake, { signer });
    // Act
    await axis.sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' });
    await axis.listReceived({ messageType: 'edoc' });
    // Assess
    expect(seen.map((r) => [r.method, r.url, r.bodyHash])).toEqual([
      ['POST', 'https://axis.example.test/vdxp/sendEdoc', hash],
      ['POST', 'https://axis.example.test/vdxp/getReceivedEdocList', EMPTY_BODY_SHA256],
    ]);
    expect(seen[0]?.headers['hash-file']).toBe(hash);
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([`Sig ${hash.slice(0, 8)}`, `Sig ${EMPTY_BODY_SHA256.slice(0, 8)}`]);
  });

  it.each([
    ['no sending agency', { from: undefined }, { sha256Hex: hash }],
    ['a hash that is not SHA-256 hex', {}, { sha256Hex: 'abc' }],
    ['a recipient code a header cannot carry', {}, { sha256Hex: hash, to: ['Sở Nội vụ'] }],
  ])('refuses %s without calling the axis', async (_case, options, request) => {
    // Prepare
    const fake = fakeFetch(ok({ DocId: 'D-1' }));
    // Act
    const sending = client(fake, options).sendEdoc({ body, messageType: 'edoc', ...request });
    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'AxisRejectedError', errorCode: 'CLIENT_INVALID_REQUEST' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('answers and failures', () => {
  it('turns FAIL into AxisRejectedError with the axis code and description', async () => {
    const fake = fakeFetch(fail('HASH_MISMATCH', 'hash-file does not match'));
    const error = await client(fake).sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxisRejectedError);
    expect(error).toMatchObject({ errorCode: 'HASH_MISMATCH', errorDesc: 'hash-file does not match', operation: 'sendEdoc', retryable: false });
  });

  it.each([
    [500, AxisUnavailableError],
    [503, AxisUnavailableError],
    [429, AxisUnavailableError],
    [408, AxisUnavailableError],
    [401, AxisRejectedError],
    [404, AxisRejectedError],
  ])('maps HTTP %i to %o', async (status, type) => {
    const fake = fakeFetch(fail('X', 'answer', status));
    const error = await client(fake).listReceived({ messageType: 'edoc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ httpStatus: status });
  });

  it('reports a network fault, a non-JSON answer and an OK without DocId as unavailable', async () => {
    const network = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const html = fakeFetch({ text: '<html>proxy error</html>' });
    const noDocId = fakeFetch(ok());
    await expect(client(network).sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' })).rejects.toMatchObject({ name: 'AxisUnavailableError', reason: 'network' });
    await expect(client(html).sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' })).rejects.toMatchObject({ name: 'AxisUnavailableError', reason: 'malformed-answer' });
    await expect(client(noDocId).sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' })).rejects.toMatchObject({ name: 'AxisUnavailableError', reason: 'malformed-answer' });
  });

  it('gives up after the timeout with AxisUnavailableError', async () => {
    const fake = fakeFetch(hang());
    const started = Date.now();
    const error = await client(fake, { timeoutMs: 50 }).getEdoc('D-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AxisUnavailableError', reason: 'timeout', operation: 'getEdoc' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses an answer larger than the limit', async () => {
    const fake = fakeFetch(ok({ data: 'A'.repeat(2_000) }));
    await expect(client(fake, { maxAnswerBytes: 1_000 }).getEdoc('D-1')).rejects.toMatchObject({ name: 'AxisRejectedError', errorCode: 'ANSWER_TOO_LARGE' });
  });

  it('logs operation and status but never the package or the answer', async () => {
    // Prepare
    const lines: string[] = [];
    const logger = { debug: (m: string, f?: Record<string, unknown>) => lines.push(JSON.stringify([m, f])), warn: (m: string, f?: Record<string, unknown>) => lines.push(JSON.stringify([m, f])) };
    const fake = fakeFetch(ok({ DocId: 'D-1' }), ok({ data: body.toString('base64') }));
    const axis = client(fake, { logger });
    // Act
    await axis.sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' });
    await axis.getEdoc('D-1');
    // Assess
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('sendEdoc');
    expect(lines.join('\n')).not.toMatch(/SECRET-CONTENT|s3cret|PGVkWE1M/);
  });
});

describe('reading operations', () => {
  it('lists both message types, edoc first, and reads the rows', async () => {
    // Prepare
    const fake = fakeFetch(
      ok({ data: [{ docId: 'R-1', serviceType: 'eDoc', messageType: 'edoc', created_time: '2026-01-05 08:00:00', from: HANOI, to: `["${GOVERNMENT_OFFICE}"]`, status: 'pending' }] }),
      ok({ data: [{ docId: 7, messageType: 'STATUS', from: MINISTRY, to: `${GOVERNMENT_OFFICE}, ${HANOI}` }] }),
    );
    // Act
    const items = await client(fake).listReceived();
    // Assess
    expect(fake.requests.map((r) => [r.url.split('/').pop(), r.headers.messagetype, r.headers.servicetype])).toEqual([
      ['getReceivedEdocList', 'edoc', 'eDoc'],
      ['getReceivedEdocList', 'status', 'eDoc'],
    ]);
    expect(items).toEqual([
      { docId: 'R-1', messageType: 'edoc', from: HANOI, to: [GOVERNMENT_OFFICE], createdTime: '2026-01-05 08:00:00', status: 'pending' },
      { docId: '7', messageType: 'status', from: MINISTRY, to: [GOVERNMENT_OFFICE, HANOI] },
    ]);
  });

  it('skips an unreadable row with a warning and keeps the others', async () => {
    const warnings: unknown[] = [];
    const logger = { debug: () => undefined, warn: (_m: string, f?: Record<string, unknown>) => warnings.push(f) };
    const fake = fakeFetch(ok({ data: [{ messageType: 'edoc', from: HANOI }, { docId: 'R-2', messageType: 'edoc', from: HANOI }] }));
    const items = await client(fake, { logger }).listReceived({ messageType: 'edoc' });
    expect(items.map((i) => i.docId)).toEqual(['R-2']);
    expect(warnings).toMatchObject([{ operation: 'getReceivedEdocList', index: 0 }]);
  });

  it('fetches a package by docId and decodes the base64', async () => {
    const fake = fakeFetch(ok({ data: body.toString('base64') }));
    const bytes = await client(fake).getEdoc('R-1');
    expect(Buffer.from(bytes).equals(body)).toBe(true);
    expect(fake.requests[0]?.headers).toMatchObject({ docid: 'R-1', 'content-type': 'application/json' });
  });

  it('reports data that is not base64 as a malformed answer', async () => {
    const fake = fakeFetch(ok({ data: '<html>' }));
    await expect(client(fake).getEdoc('R-1')).rejects.toMatchObject({ name: 'AxisUnavailableError', reason: 'malformed-answer' });
  });

  it('acknowledges with docid and status headers', async () => {
    const fake = fakeFetch(ok());
    await client(fake).updateStatus('R-1', 'done');
    expect(fake.requests[0]?.url).toBe('https://axis.example.test/vdxp/updateStatus');
    expect(fake.requests[0]?.headers).toMatchObject({ docid: 'R-1', status: 'done' });
  });

  it('reads sent rows in the simulator shape and in the government SDK shape', async () => {
    const fake = fakeFetch(
      ok({ data: [{ docId: 'S-1', receiverDocId: 'R-1', messageType: 'edoc', from: HANOI, to: [GOVERNMENT_OFFICE], status: 'done' }] }),
      ok({ data: [{ senderDocId: 'S-2', receiverDocId: 'R-2', messageType: 'status', fromCode: HANOI, toCode: MINISTRY, receiveStatus: 'pending', sentTime: '2026-01-05' }] }),
    );
    const items = await client(fake).listSent();
    expect(items).toEqual([
      { docId: 'S-1', receiverDocId: 'R-1', messageType: 'edoc', from: HANOI, to: [GOVERNMENT_OFFICE], status: 'done' },
      { docId: 'S-2', receiverDocId: 'R-2', messageType: 'status', from: HANOI, to: [MINISTRY], status: 'pending', createdTime: '2026-01-05' },
    ]);
  });

  it('reads the agency catalogue and counts waiting packages with a GET', async () => {
    const fake = fakeFetch(ok({ data: [{ id: 1, pid: null, code: 'H26', code102: HANOI, name: 'UBND thành phố Hà Nội', mail: 'x@hanoi.gov.vn', extra: 'kept' }] }), ok({ count: '3' }));
    const axis = createVdxpClient({ endpoint: ENDPOINT, systemId: 'hanoi', secret: 's3cret', fetch: fake.fetch });
    const rows = await axis.getAgencies();
    const count = await axis.countReceived('status');
    expect(rows).toEqual([{ id: 1, pid: null, code: 'H26', code102: HANOI, name: 'UBND thành phố Hà Nội', mail: 'x@hanoi.gov.vn', extra: 'kept' }]);
    expect(count).toBe(3);
    expect(fake.requests.map((r) => [r.method, r.url.split('/').pop()])).toEqual([
      ['POST', 'getAgenciesList'],
      ['GET', 'countReceiveEdoc'],
    ]);
  });
});
