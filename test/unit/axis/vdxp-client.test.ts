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
    const error = await client(fake)
      .sendEdoc({ body, sha256Hex: hash, messageType: 'edoc' })
      .catch((e: unknown) => e);
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
    const error = await client(fake)
      .listReceived({ messageType: 'edoc' })
      .catch((e: unknown) => e);
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
    const error = await client(fake, { timeoutMs: 50 })
      .getEdoc('D-1')
      .catch((e: unknown) => e);
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
    const logger = {
      debug: (m: string, f?: Record<string, unknown>) => lines.push(JSON.stringify([m, f])),
      warn: (m: string, f?: Record<string, unknown>) => lines.push(JSON.stringify([m, f])),
    };
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
      ok({
        data: [{ docId: 'R-1', serviceType: 'eDoc', messageType: 'edoc', created_time: '2026-01-05 08:00:00', from: HANOI, to: `["${GOVERNMENT_OFFICE}"]`, status: 'pending' }],
      }),
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
    const fake = fakeFetch(
      ok({
        data: [
          { messageType: 'edoc', from: HANOI },
          { docId: 'R-2', messageType: 'edoc', from: HANOI },
        ],
      }),
    );
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
    const fake = fakeFetch(
      ok({ data: [{ id: 1, pid: null, code: 'H26', code102: HANOI, name: 'UBND thành phố Hà Nội', mail: 'x@hanoi.gov.vn', extra: 'kept' }] }),
      ok({ count: '3' }),
    );
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

/** An answer body the test writes as it goes, and whether the client cancelled it. */
function answerBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      state.cancelled = true;
    },
  });
  return {
    state,
    write: (text: string) => controller.enqueue(new Uint8Array(Buffer.from(text))),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
    answer: (): Promise<Response> => Promise.resolve(new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } })),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('openEdoc: the package as it arrives', () => {
  const base64 = Buffer.from(body).toString('base64');

  it('hands on the first bytes before the answer has ended, and the whole package in the end', async () => {
    // Prepare
    const source = answerBody();
    const fake = fakeFetch(source.answer);
    source.write(`{"status":"OK","ErrorCode":"0","data":"${base64.slice(0, 20)}`);
    // Act
    const chunks = (await client(fake).openEdoc('R-1'))[Symbol.asyncIterator]();
    const first = await chunks.next();
    source.write(`${base64.slice(20)}","ErrorDesc":"Success"}`);
    source.end();
    const rest: Uint8Array[] = [];
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) rest.push(next.value);
    // Assess
    expect(Buffer.from(first.value ?? []).equals(body.subarray(0, 15))).toBe(true);
    expect(Buffer.concat([first.value ?? new Uint8Array(), ...rest]).equals(body)).toBe(true);
    expect(fake.requests[0]?.headers).toMatchObject({ docid: 'R-1', 'content-type': 'application/json' });
  });

  it('rejects openEdoc itself when the axis refuses before the data', async () => {
    const fake = fakeFetch(fail('NOT_FOUND', 'no package R-9'));
    await expect(client(fake).openEdoc('R-9')).rejects.toMatchObject({ name: 'AxisRejectedError', errorCode: 'NOT_FOUND', operation: 'getEdoc', httpStatus: 200 });
  });

  it('maps an HTTP error like every other call', async () => {
    await expect(client(fakeFetch(fail('X', 'busy', 503))).openEdoc('R-1')).rejects.toMatchObject({ name: 'AxisUnavailableError', reason: 'http-status', httpStatus: 503 });
  });

  it('gives up when the axis stops sending mid-answer (timeoutMs between chunks) and closes the answer', async () => {
    // Prepare
    const source = answerBody();
    source.write(`{"status":"OK","data":"${base64.slice(0, 40)}`);
    const chunks = await client(fakeFetch(source.answer), { timeoutMs: 50, streamTimeoutMs: 5_000 }).openEdoc('R-1');
    // Act
    const error = await (async () => {
      for await (const _ of chunks) void _;
    })().catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'AxisUnavailableError', reason: 'timeout', operation: 'getEdoc' });
    expect((error as Error).message).toMatch(/sent nothing for 50 ms/);
    expect(source.state.cancelled).toBe(true);
  });

  it('gives up when the whole answer takes longer than streamTimeoutMs, though it keeps trickling', async () => {
    // Prepare: a digit every 10 ms, never the end
    const source = answerBody();
    source.write('{"status":"OK","data":"');
    const trickle = setInterval(() => source.state.cancelled || source.write('QUJD'), 10);
    // Act
    const error = await (async () => {
      for await (const _ of await client(fakeFetch(source.answer), { timeoutMs: 1_000, streamTimeoutMs: 150 }).openEdoc('R-1')) void _;
    })()
      .catch((e: unknown) => e)
      .finally(() => clearInterval(trickle));
    // Assess
    expect(error).toMatchObject({ name: 'AxisUnavailableError', reason: 'timeout' });
    expect((error as Error).message).toMatch(/did not finish its answer within 150 ms/);
  });

  it('does not count the time the consumer takes against the axis', async () => {
    // Prepare: the whole answer is there; the consumer is slower than timeoutMs between chunks
    const source = answerBody();
    for (let at = 0; at < base64.length; at += 8) source.write(`${at === 0 ? '{"status":"OK","data":"' : ''}${base64.slice(at, at + 8)}`);
    source.write('"}');
    source.end();
    const received: Uint8Array[] = [];
    // Act
    for await (const chunk of await client(fakeFetch(source.answer), { timeoutMs: 30 }).openEdoc('R-1')) {
      received.push(chunk);
      if (received.length <= 3) await sleep(60);
    }
    // Assess
    expect(Buffer.concat(received).equals(body)).toBe(true);
  });

  it('reports a connection broken mid-answer as a network fault', async () => {
    const source = answerBody();
    source.write(`{"status":"OK","data":"${base64.slice(0, 40)}`);
    const chunks = await client(fakeFetch(source.answer)).openEdoc('R-1');
    source.fail(new TypeError('terminated'));
    await expect(
      (async () => {
        for await (const _ of chunks) void _;
      })(),
    ).rejects.toMatchObject({ name: 'AxisUnavailableError', reason: 'network' });
  });

  it('refuses an answer that grows past maxAnswerBytes while it streams', async () => {
    const source = answerBody();
    source.write('{"status":"OK","data":"');
    for (let i = 0; i < 10; i += 1) source.write('QUJD'.repeat(50));
    const chunks = await client(fakeFetch(source.answer), { maxAnswerBytes: 1_000 }).openEdoc('R-1');
    await expect(
      (async () => {
        for await (const _ of chunks) void _;
      })(),
    ).rejects.toMatchObject({ name: 'AxisRejectedError', errorCode: 'ANSWER_TOO_LARGE' });
    expect(source.state.cancelled).toBe(true);
  });

  it('closes the answer when the consumer stops early, and when it never reads', async () => {
    const early = answerBody();
    early.write(`{"status":"OK","data":"${base64}`);
    for await (const _ of await client(fakeFetch(early.answer)).openEdoc('R-1')) break;
    const unread = answerBody();
    unread.write(`{"status":"OK","data":"${base64}`);
    const chunks = await client(fakeFetch(unread.answer)).openEdoc('R-2');
    await chunks[Symbol.asyncIterator]().return?.(undefined);
    expect(early.state.cancelled).toBe(true);
    expect(unread.state.cancelled).toBe(true);
  });
});
