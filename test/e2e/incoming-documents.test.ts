import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const H26_DEPT = '000.00.91.H26';
const OTHER_DEPT = '000.00.92.H26';

let api: TestApi;
let clerk: string;
let leader: string;
let specialist: string;
let otherClerk: string;

/** Every item of the table: the e2e tests check that refusals write nothing (test-only Scan). */
async function itemCount(): Promise<number> {
  const result = await dynamoDocumentClient().send(new ScanCommand({ TableName: api.runtime.names.tableName, Select: 'COUNT' }));
  return result.Count ?? 0;
}

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'clerk-1', organId: H26_DEPT, roles: ['clerk'] });
  leader = await api.token({ sub: 'leader-1', organId: H26_DEPT, roles: ['leader'] });
  specialist = await api.token({ sub: 'spec-1', organId: H26_DEPT, roles: ['specialist'] });
  otherClerk = await api.token({ sub: 'clerk-2', organId: OTHER_DEPT, roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

describe('the first vertical slice over HTTP', () => {
  it('answers /health and a generated OpenAPI 3.1 document', async () => {
    expect(await api.request('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const openapi = await api.request('GET', '/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    const register = openapi.body.paths['/documents/incoming'].post;
    expect(register.requestBody.content['application/json'].schema.properties.codeNotation.maxLength).toBe(30);
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
  });

  it('registers an incoming document with arrival number, then reads it back and lists it', async () => {
    const created = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '101' }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organId: H26_DEPT, status: 'registered', arrivalNumber: expect.any(Number), urgency: 'urgent', registeredBy: { sub: 'clerk-1' } });
    const read = await api.request('GET', `/documents/${created.body.id}`, { token: leader });
    expect(read.body).toEqual(created.body);
    const listed = await api.request('GET', '/documents?direction=incoming&limit=100', { token: specialist });
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
    for (const storageOnly of ['pk', 'sk', 'searchText', 'issuerText', 'gsi1pk', 'entity']) expect(listed.body.items[0]).not.toHaveProperty(storageOnly);
    const history = await api.request('GET', `/documents/${created.body.id}/history`, { token: clerk });
    expect(history.body.items).toEqual([expect.objectContaining({ sequence: 1, action: 'registered', actor: expect.objectContaining({ sub: 'clerk-1', roles: ['clerk'] }) })]);
  });

  it('finds "quyet dinh" in "Quyết định" and "giao du toan" in the subject', async () => {
    await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '102', subject: 'Về việc phê duyệt kế hoạch đặc biệt' }) });
    const found = await api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent('phe duyet ke hoach dac biet')}`, { token: clerk });
    expect(found.body.items).toHaveLength(1);
    const none = await api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent('không có văn bản này')}`, { token: clerk });
    expect(none.body.items).toHaveLength(0);
  });

  it('pages with an opaque token and never repeats an item', async () => {
    for (let i = 0; i < 5; i += 1) await api.request('POST', '/documents/incoming', { token: otherClerk, body: incomingBody({ codeNumber: `2${i}` }) });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await api.request('GET', `/documents?direction=incoming&limit=2${token === undefined ? '' : `&nextToken=${token}`}`, { token: otherClerk });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((d: { id: string }) => d.id));
      token = page.body.nextToken;
    } while (token !== undefined);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('warns with 409 duplicate-document and the existing document, and registers it when allowDuplicate is sent', async () => {
    const first = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '103' }) });
    const before = await itemCount();
    const again = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '0103', issuer: { organId: '000.00.00.G12', organName: 'bo tai chinh' } }),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: expect.stringContaining('duplicate-document'), existing: { id: first.body.id, arrivalNumber: first.body.arrivalNumber } });
    expect(await itemCount()).toBe(before);
    const allowed = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '103', allowDuplicate: true }) });
    expect(allowed.status).toBe(201);
    expect(allowed.body.arrivalNumber).toBe(first.body.arrivalNumber + 1);
  });

  it('replays a write with the same Idempotency-Key instead of registering twice', async () => {
    const headers = { 'idempotency-key': 'e2e-idem-0001' };
    const first = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '104' }), headers });
    const second = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '104' }), headers });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const reused = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '105' }), headers });
    expect(reused.status).toBe(422);
  });
});

describe('refusals change nothing', () => {
  it('refuses bad input with 400, a path per field, and writes nothing', async () => {
    const before = await itemCount();
    const response = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '', promulgationDate: '20/11/2026', urgency: 'very', subject: 'x'.repeat(501) }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.codeNumber', 'body.promulgationDate', 'body.subject', 'body.urgency']);
    expect(await itemCount()).toBe(before);
  });

  it('refuses a request without a token (401) and a role that may not register (403)', async () => {
    expect((await api.request('POST', '/documents/incoming', { body: incomingBody() })).status).toBe(401);
    expect((await api.request('POST', '/documents/incoming', { token: 'not-a-jwt', body: incomingBody() })).status).toBe(401);
    for (const token of [leader, specialist]) {
      const response = await api.request('POST', '/documents/incoming', { token, body: incomingBody({ codeNumber: '777' }) });
      expect(response.status).toBe(403);
    }
  });

  it("hides another agency's document (404) and its history, and never lists it", async () => {
    const mine = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '106' }) });
    expect((await api.request('GET', `/documents/${mine.body.id}`, { token: otherClerk })).status).toBe(404);
    expect((await api.request('GET', `/documents/${mine.body.id}/history`, { token: otherClerk })).status).toBe(404);
    const theirs = await api.request('GET', '/documents?direction=incoming&limit=100', { token: otherClerk });
    expect(theirs.body.items.every((d: { organId: string }) => d.organId === OTHER_DEPT)).toBe(true);
  });

  it('refuses a malformed id, a bad limit and a forged page token with 400', async () => {
    expect((await api.request('GET', '/documents/abc', { token: clerk })).status).toBe(400);
    expect((await api.request('GET', '/documents?direction=incoming&limit=500', { token: clerk })).body.errors[0].path).toBe('query.limit');
    const forged = Buffer.from(JSON.stringify({ pk: 'DOC#X', sk: 'DOC', gsi1pk: `ORG#${OTHER_DEPT}#incoming`, gsi1sk: 'z' })).toString('base64url');
    expect((await api.request('GET', `/documents?direction=incoming&nextToken=${forged}`, { token: clerk })).status).toBe(400);
  });
});

describe('arrival numbers under concurrency', () => {
  it('gives 300 concurrent registrations in one agency exactly the numbers 1..300', async () => {
    const agency = '000.92.95.H26';
    const token = await api.token({ sub: 'clerk-race', organId: agency, roles: ['clerk'] });
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => api.request('POST', '/documents/incoming', { token, body: incomingBody({ codeNumber: String(1000 + i) }) })),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const numbers = responses.map((r) => r.body.arrivalNumber as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const counter = await dynamoDocumentClient().send(
      new QueryCommand({ TableName: api.runtime.names.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `COUNTER#${agency}` } }),
    );
    expect(counter.Items?.[0]?.value).toBe(300);
  });
});
