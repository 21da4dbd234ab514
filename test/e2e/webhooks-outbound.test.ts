import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { DynamoDeliveryStore } from '#adapters/dynamo/delivery-store';
import { LOOPBACK_ENDPOINTS_ENV, RETRY_BASE_ENV } from '#adapters/webhooks/webhook-ports';
import { newDelivery } from '#domain/deliveries/delivery';
import { parseSecret, verifyWebhook } from '#webhooks/index';
import { CITY_DEPT, createHmacKey, itemCount, SENDER, sendWebhook, startWebhookWorld, type WebhookWorld } from './webhooks-helpers.ts';

/** A tiny receiver on 127.0.0.1: answers each request with the next scripted status (then 200), records what came. */
interface Receiver {
  readonly url: string;
  readonly received: { path: string; headers: IncomingHttpHeaders; body: Buffer }[];
  script(path: string, statuses: number[]): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const scripts = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(scripts.get(path)?.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let world: WebhookWorld;
let receiver: Receiver;
let inboundSecret: string;
let cityAdmin: string;
let deliveries: DynamoDeliveryStore;
let counter = 0;

beforeAll(async () => {
  // First retry after 0–1 s instead of 0–30 s, so a 500-then-200 test takes a second.
  process.env[RETRY_BASE_ENV] = '1';
  // The receiver runs on 127.0.0.1: the local runtime's test-only loopback allowance (webhook-ports.ts).
  process.env[LOOPBACK_ENDPOINTS_ENV] = '1';
  world = await startWebhookWorld();
  receiver = await startReceiver();
  ({ secret: inboundSecret } = await createHmacKey(world, SENDER));
  cityAdmin = await world.api.token({ sub: 'dept-admin', organId: CITY_DEPT, roles: ['admin'] });
  deliveries = new DynamoDeliveryStore(dynamoDocumentClient(), world.api.runtime.names.tableName);
});

afterAll(async () => {
  await world.api.runtime.close();
  await receiver.close();
  delete process.env[RETRY_BASE_ENV];
  delete process.env[LOOPBACK_ENDPOINTS_ENV];
});

async function registerEndpoint(path: string): Promise<string> {
  const response = await world.api.request('PUT', `/agencies/${CITY_DEPT}/webhook-endpoint`, {
    token: cityAdmin,
    body: { url: `${receiver.url}${path}`, events: ['document.status'] },
  });
  expect(response.status).toBe(200);
  return response.body.secret as string;
}

/** A status reported by the ministry on a delivery of a city document: it must reach the city's endpoint. */
async function reportStatus(code: string): Promise<string> {
  const edxmlDocumentId = `${CITY_DEPT},2026/11/26,${(counter += 1)}/QĐ-UBND`;
  await deliveries.create(
    newDelivery(
      {
        documentId: `01KDOC${String(counter).padStart(20, '0')}`,
        senderOrgId: CITY_DEPT,
        recipient: { organId: SENDER, organName: 'Bộ Tài chính' },
        channel: 'webhook',
        edxmlDocumentId,
      },
      new Date(),
    ),
  );
  const body = JSON.stringify({ type: 'document.status', data: { documentId: edxmlDocumentId, from: SENDER, statusCode: code, timestamp: '2026-11-26T09:00:00+07:00' } });
  const sent = await sendWebhook(world, SENDER, body, { secrets: [inboundSecret] });
  expect(sent.status).toBe(202);
  return edxmlDocumentId;
}

const log = async () => (await world.api.request('GET', `/agencies/${CITY_DEPT}/webhook-deliveries`, { token: cityAdmin })).body.items as any[];

describe('outbound webhooks to an agency endpoint', () => {
  it('accepts https and, under the test-only allowance, loopback http; refuses other URLs', async () => {
    // Prepare
    const urls = [
      'http://example.vn/hook',
      'https://10.0.0.5/hook',
      'https://user:pw@example.vn/hook',
      'not a url',
      // Special-purpose hosts the former host-string filter let through (loopback ones, such as
      // `localhost.`, pass here under the test-only allowance; unit tests refuse them without it)
      'https://0.0.0.0/hook',
      'https://[::127.0.0.1]/hook',
      'https://[64:ff9b::a00:1]/hook',
      'https://198.18.0.1/hook',
      'https://224.0.0.1/hook',
      'https://[::ffff:169.254.169.254]/hook',
    ];
    const before = await itemCount(world);
    // Act
    const refused = await Promise.all(
      urls.map((url) => world.api.request('PUT', `/agencies/${CITY_DEPT}/webhook-endpoint`, { token: cityAdmin, body: { url, events: ['document.status'] } })),
    );
    const outOfScope = await world.api.request('PUT', `/agencies/${SENDER}/webhook-endpoint`, {
      token: cityAdmin,
      body: { url: 'https://example.vn/hook', events: ['document.status'] },
    });
    // Assess
    expect(refused.map((r) => r.status)).toEqual(urls.map(() => 400));
    expect(refused.map((r) => r.headers.get('content-type'))).toEqual(urls.map(() => expect.stringContaining('application/problem+json')));
    expect(refused.map((r) => r.body.errors[0]?.path)).toEqual(urls.map(() => 'body.url'));
    expect(refused[0]?.body.errors).toEqual([{ path: 'body.url', message: 'must use https' }]);
    expect(refused.slice(4).map((r) => r.body.errors[0]?.message)).toEqual(urls.slice(4).map(() => expect.stringMatching(/^must not point at a special-purpose address/)));
    expect(outOfScope.status).toBe(403);
    expect(await itemCount(world)).toBe(before);
  });

  it('delivers a status change signed with the endpoint secret, verifiable with verifyWebhook', async () => {
    // Prepare
    const secret = await registerEndpoint('/signed');
    const ministry = await world.api.request('PUT', `/agencies/${SENDER}/webhook-endpoint`, {
      token: world.cityAdmin,
      body: { url: `${receiver.url}/ministry`, events: ['document.status'] },
    });
    const endpoint = await world.api.request('GET', `/agencies/${CITY_DEPT}/webhook-endpoint`, { token: cityAdmin });
    // Act
    const edxmlDocumentId = await reportStatus('03');
    const got = await eventually(
      async () => receiver.received.filter((r) => r.path === '/signed'),
      (list) => list.length > 0,
    );
    // Assess: the city's endpoint heard of it; the ministry that reported it did not
    expect(ministry.status).toBe(200);
    expect(receiver.received.filter((r) => r.path === '/ministry')).toEqual([]);
    expect(endpoint.body).toMatchObject({ status: 'active', events: ['document.status'] });
    expect(JSON.stringify(endpoint.body)).not.toContain('whsec_');
    const [request] = got;
    if (request === undefined) throw new Error('nothing received');
    const verified = verifyWebhook({
      headers: request.headers as Record<string, string>,
      rawBody: request.body,
      keys: { hmacSecrets: [parseSecret(secret)], ed25519PublicKeys: [] },
      now: new Date(),
    });
    expect(verified.ok).toBe(true);
    expect(JSON.parse(request.body.toString('utf8'))).toMatchObject({
      type: 'document.status',
      data: { documentId: edxmlDocumentId, from: SENDER, statusCode: '03', deliveryStatus: '03' },
    });
    expect(
      verifyWebhook({
        headers: request.headers as Record<string, string>,
        rawBody: request.body,
        keys: { hmacSecrets: [parseSecret(inboundSecret)], ed25519PublicKeys: [] },
        now: new Date(),
      }).ok,
    ).toBe(false);
  });

  it('retries after a 500 with the same webhook-id, and logs both attempts', async () => {
    // Prepare
    await registerEndpoint('/flaky');
    receiver.script('/flaky', [500]);
    // Act
    await reportStatus('01');
    const got = await eventually(
      async () => receiver.received.filter((r) => r.path === '/flaky'),
      (list) => list.length >= 2,
    );
    const entry = await eventually(
      async () => (await log()).find((e) => e.id === got[0]?.headers['webhook-id']),
      (e) => e?.status === 'delivered',
    );
    // Assess
    expect(got).toHaveLength(2);
    expect(got[1]?.headers['webhook-id']).toBe(got[0]?.headers['webhook-id']);
    expect(entry).toMatchObject({
      status: 'delivered',
      attempts: [
        { number: 1, statusCode: 500, outcome: 'retry' },
        { number: 2, statusCode: 200, outcome: 'delivered' },
      ],
    });
  });

  it('disables the endpoint after a 410, sends nothing more, and replays once it is registered again', async () => {
    // Prepare
    await registerEndpoint('/gone');
    receiver.script('/gone', [410]);
    // Act
    await reportStatus('04');
    const failed = await eventually(
      async () => (await log()).find((e) => e.failure === 'gone'),
      (e) => e !== undefined,
    );
    const endpoint = await world.api.request('GET', `/agencies/${CITY_DEPT}/webhook-endpoint`, { token: cityAdmin });
    const refusedReplay = await world.api.request('POST', `/agencies/${CITY_DEPT}/webhook-deliveries/${failed?.id}/replay`, { token: cityAdmin });
    const calls = receiver.received.length;
    await reportStatus('05');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const afterDisabled = receiver.received.length;
    await registerEndpoint('/gone');
    const replay = await world.api.request('POST', `/agencies/${CITY_DEPT}/webhook-deliveries/${failed?.id}/replay`, { token: cityAdmin });
    const replayed = await eventually(
      async () => (await log()).find((e) => e.id === failed?.id),
      (e) => e?.status === 'delivered',
    );
    // Assess
    expect(failed).toMatchObject({ status: 'failed', failure: 'gone', attempts: [{ statusCode: 410, outcome: 'gone' }] });
    expect(endpoint.body).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('410') });
    expect(refusedReplay.status).toBe(409);
    expect(afterDisabled).toBe(calls);
    expect(replay.status).toBe(202);
    expect(replayed).toMatchObject({
      status: 'delivered',
      replays: 1,
      attempts: [
        { number: 1, outcome: 'gone' },
        { number: 2, statusCode: 200, outcome: 'delivered' },
      ],
    });
  });

  it('records a neutral reason when the endpoint does not answer, never the connection error', async () => {
    // Prepare: a loopback port that was just free, so the connection is refused
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const registered = await world.api.request('PUT', `/agencies/${CITY_DEPT}/webhook-endpoint`, {
      token: cityAdmin,
      body: { url: `http://127.0.0.1:${closedPort}/closed`, events: ['document.status'] },
    });
    expect(registered.status).toBe(200);
    // Act
    await reportStatus('01');
    const entry = await eventually(
      async () => (await log()).find((e) => e.attempts.some((a: { url: string }) => a.url.endsWith('/closed'))),
      (e) => e !== undefined,
    );
    // Assess
    expect(entry?.attempts[0]).toMatchObject({ number: 1, error: 'the endpoint did not answer', outcome: 'retry' });
    expect(entry?.attempts[0].statusCode).toBeUndefined();
    expect(JSON.stringify(entry)).not.toMatch(/ECONNREFUSED|fetch failed|connect /);
  });
});
