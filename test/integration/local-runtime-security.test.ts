import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, decodeJwt } from 'jose';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const H26_DEPT = '000.00.91.H26';

let api: TestApi;
let clerk: string;
/** Every server this process started listening while the runtime came up (dynalite, its front, fauxqs, the axis simulator, the API). */
let servers: net.Server[];

beforeAll(async () => {
  const listen = vi.spyOn(net.Server.prototype, 'listen');
  api = await startTestApi();
  servers = listen.mock.contexts.filter((context): context is net.Server => context instanceof net.Server);
  listen.mockRestore();
  clerk = await api.token({ sub: 'clerk-1', organId: H26_DEPT, roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

/** Every item of the table: refusals must write nothing (test-only Scan). */
async function itemCount(): Promise<number> {
  const result = await dynamoDocumentClient().send(new ScanCommand({ TableName: api.runtime.names.tableName, Select: 'COUNT' }));
  return result.Count ?? 0;
}

/** A development token signed with the runtime's own secret, with or without `exp`. */
function signed(expires: boolean): Promise<string> {
  const token = new SignJWT({ organId: H26_DEPT, roles: ['clerk'], name: 'Văn thư' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('clerk-1')
    .setIssuer(api.runtime.jwt.issuer)
    .setAudience('vanthu')
    .setIssuedAt();
  return (expires ? token.setExpirationTime('5m') : token).sign(new TextEncoder().encode(api.runtime.jwt.secret));
}

describe('what the local runtime exposes', () => {
  it('listens on 127.0.0.1 only: emulators, axis simulator and API', () => {
    // Act
    const addresses = servers.map((server) => server.address());
    // Assess: dynalite, its front, fauxqs, the axis simulator and the API at least
    expect(addresses.length).toBeGreaterThanOrEqual(5);
    for (const address of addresses) expect(address).toMatchObject({ address: '127.0.0.1' });
    for (const url of [api.runtime.url, api.runtime.endpoints.dynamodb, api.runtime.endpoints.s3, api.runtime.endpoints.sqs, api.runtime.axis.url]) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
    }
  });

  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;

  it.skipIf(external === undefined)('refuses connections to every port on the machine’s other addresses', async () => {
    // Prepare
    const ports = [api.runtime.url, api.runtime.endpoints.dynamodb, api.runtime.endpoints.s3, api.runtime.axis.url].map((url) => Number(new URL(url).port));
    // Act
    const outcomes = await Promise.all(ports.map((port) => connect(external ?? '', port)));
    // Assess
    expect(outcomes).toEqual(ports.map(() => 'refused'));
  });

  it('lists POST /dev/token in its own OpenAPI document', async () => {
    // Act
    const openapi = await api.request('GET', '/openapi.json');
    // Assess
    expect(openapi.body.paths['/dev/token']?.post).toBeDefined();
  });
});

describe('development tokens', () => {
  it('issues tokens that expire (exp 12 hours after iat)', async () => {
    // Act
    const claims = decodeJwt(clerk);
    // Assess
    expect(typeof claims.exp).toBe('number');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 60 * 60);
  });

  it('refuses a validly signed token without exp with 401, and writes nothing', async () => {
    // Prepare
    const forever = await signed(false);
    const before = await itemCount();
    // Act
    const read = await api.request('GET', '/documents', { token: forever });
    const write = await api.request('POST', '/documents/incoming', { token: forever, body: incomingBody() });
    // Assess
    expect(read.status).toBe(401);
    expect(write.status).toBe(401);
    expect(write.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await itemCount()).toBe(before);
  });

  it('accepts the same token with exp', async () => {
    // Act
    const read = await api.request('GET', '/documents?direction=incoming', { token: await signed(true) });
    // Assess
    expect(read.status).toBe(200);
  });
});

describe('request URLs with malformed percent-encoding', () => {
  it.each([
    ['a cut UTF-8 sequence in the path', 'GET', '/documents/%E0%A4%A'],
    ['a bad escape in the path', 'GET', '/documents/%ZZ/history'],
    ['a bad escape in the query', 'GET', '/documents?q=%ZZ'],
    ['a cut UTF-8 sequence in the query', 'GET', '/documents?direction=incoming&q=%E0%A4%A'],
    ['a bad escape on a route that writes', 'POST', '/documents/%E0%A4%A/register'],
    ['a bad escape on a public route', 'GET', '/health?x=%'],
  ])('answers %s with 400 problem+json and writes nothing', async (_case, method, path) => {
    // Prepare
    const before = await itemCount();
    // Act
    const answer = await api.request(method, path, { token: clerk, ...(method === 'POST' ? { body: {} } : {}) });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: expect.any(String), title: 'Bad request', status: 400, detail: expect.stringContaining('percent-encoding') });
    expect(await itemCount()).toBe(before);
  });

  it('still passes well-formed escapes to the handler, decoded', async () => {
    // Prepare: a well-formed document id, every character percent-encoded
    const escaped = [...'01ARZ3NDEKTSV4RRFFQ69G5FAV'].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    // Act
    const answer = await api.request('GET', `/documents/${escaped}`, { token: clerk });
    // Assess: the handler looked the decoded id up
    expect(answer.status).toBe(404);
  });
});

function connect(host: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('refused');
    });
    socket.once('error', () => resolve('refused'));
  });
}
