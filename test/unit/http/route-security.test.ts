import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ConflictError } from '#domain/errors';
import { defineContract, type RouteContract } from '#http/contract';
import { httpRoute, type RouteInput } from '#http/route';
import { MemoryIdempotencyStore } from './memory-idempotency-store.ts';

const store = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('#adapters/idempotency', () => ({ idempotencyStore: () => store.current }));

const base = {
  method: 'POST',
  path: '/documents/{id}/files',
  tag: 'test',
  summary: 'test route',
  auth: 'jwt',
  body: z.object({ fileName: z.string() }),
  query: undefined,
  params: z.object({ id: z.string() }),
  response: z.object({ uploadUrl: z.string() }),
  status: 201,
  errors: [400],
  ports: [],
} as const;
const replayContract = defineContract({ ...base, operationId: 'createFileUpload' });
const useCaseContract = defineContract({ ...base, operationId: 'registerIncoming' });

const clerk = { sub: 'clerk-1', organId: '000.00.91.H26', roles: '[clerk]', name: 'Văn thư' };
const admin = { sub: 'admin-1', organId: '000.00.91.H26', roles: '[admin clerk]', name: 'Quản trị' };

function event(claims: Record<string, string>, headers: Record<string, string> = {}, requestId = 'req-1'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /documents/{id}/files',
    rawPath: '/documents/D1/files',
    rawQueryString: '',
    headers,
    pathParameters: { id: 'D1' },
    body: JSON.stringify({ fileName: 'a.pdf' }),
    isBase64Encoded: false,
    requestContext: { requestId, authorizer: { jwt: { claims, scopes: [] } } },
  } as unknown as APIGatewayProxyEventV2;
}
const context = { awsRequestId: 'aws-1' } as Context;

async function call<C extends RouteContract>(contract: C, run: (input: RouteInput<C>) => Promise<unknown>, e: APIGatewayProxyEventV2) {
  const response = await httpRoute(contract, {}, run as never)(e, context);
  return { status: response.statusCode, headers: response.headers ?? {}, body: JSON.parse(response.body ?? '{}') as Record<string, any> };
}

describe('Idempotency-Key belongs to the user who sent it', () => {
  beforeEach(() => {
    store.current = new MemoryIdempotencyStore();
  });

  it("does not hand a clerk's upload URL to an admin of the same agency who replays the clerk's key", async () => {
    // Prepare: the clerk's request, answered with a URL meant for them
    const key = { 'Idempotency-Key': 'upload-000001' };
    const first = await call(replayContract, async ({ principal }) => ({ uploadUrl: `https://bucket/for-${principal.sub}` }), event(clerk, key));
    // Act: the admin sends the same key and body
    const runs: string[] = [];
    const replayed = await call(replayContract, async ({ principal }) => (runs.push(principal.sub), { uploadUrl: `https://bucket/for-${principal.sub}` }), event(admin, key));
    // Assess: the admin's own request ran (and was authorized by the use case); the clerk's answer stayed theirs
    expect(first.body.uploadUrl).toBe('https://bucket/for-clerk-1');
    expect(runs).toEqual(['admin-1']);
    expect(replayed.body.uploadUrl).toBe('https://bucket/for-admin-1');
    expect(replayed.headers['idempotent-replayed']).toBeUndefined();
  });

  it("replays to the same user, with this request's correlation id", async () => {
    const key = { 'Idempotency-Key': 'upload-000002' };
    let runs = 0;
    const run = async () => ((runs += 1), { uploadUrl: `https://bucket/${runs}` });
    await call(replayContract, run, event(clerk, key, 'req-1'));
    const again = await call(replayContract, run, event(clerk, key, 'req-2'));
    expect(runs).toBe(1);
    expect(again).toMatchObject({ status: 201, body: { uploadUrl: 'https://bucket/1' }, headers: { 'idempotent-replayed': 'true', 'x-correlation-id': 'req-2' } });
  });

  it('gives the use case a key bound to the user and the operation, so the same header of two users never meets', async () => {
    // Prepare
    const seen: (string | undefined)[] = [];
    const run = async ({ idempotencyKey }: { idempotencyKey?: string }) => (seen.push(idempotencyKey), { uploadUrl: 'x' });
    // Act
    await call(useCaseContract, run, event(clerk, { 'idempotency-key': 'incoming-0001' }));
    await call(useCaseContract, run, event(admin, { 'idempotency-key': 'incoming-0001' }));
    const third = await call(useCaseContract, run, event(clerk, { 'idempotency-key': 'incoming-0001' }));
    // Assess: two users, two keys; the clerk's second request is the first one's answer, not a second run
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seen[0]).not.toBe('incoming-0001');
    expect(seen[1]).not.toBe(seen[0]);
    expect(third.headers['idempotent-replayed']).toBe('true');
  });
});

describe('correlation and request ids', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (output.push(String(chunk)), true));
    // Errors and warnings go to stderr (Powertools' Logger).
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (output.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("uses a well-formed client correlation id, and always gives the server's request id separately", async () => {
    let ids: { correlationId: string; requestId: string } | undefined;
    const response = await call(
      replayContract,
      async ({ correlationId, requestId }) => ((ids = { correlationId, requestId }), { uploadUrl: 'x' }),
      event(clerk, { 'X-Correlation-Id': 'portal:2026-11-26.abc_1' }),
    );
    expect(ids).toEqual({ correlationId: 'portal:2026-11-26.abc_1', requestId: 'req-1' });
    expect(response.headers['x-correlation-id']).toBe('portal:2026-11-26.abc_1');
  });

  it.each([
    ['a line break (log forging)', 'abc\n{"level":"error","message":"forged"}'],
    ['a header injection', 'abc\r\nSet-Cookie: a=b'],
    ['spaces and quotes', 'a "b" c'],
    ['129 characters', 'a'.repeat(129)],
    ['an empty value', ''],
  ])('replaces a client correlation id with %s by the request id, in the answer, the use case and the logs', async (_what, value) => {
    // Prepare: the use case fails unexpectedly, so the request is logged at error level
    let seen: string | undefined;
    // Act
    const response = await call(
      replayContract,
      async ({ correlationId }) => {
        seen = correlationId;
        throw new Error('boom');
      },
      event(clerk, { 'x-correlation-id': value }),
    );
    // Assess
    expect(seen).toBe('req-1');
    expect(response.status).toBe(500);
    expect(response.headers['x-correlation-id']).toBe('req-1');
    expect(response.body.correlationId).toBe('req-1');
    const logged = output.join('');
    expect(logged).toContain('"requestId":"req-1"');
    if (value !== '') expect(logged).not.toContain(JSON.stringify(value).slice(1, -1));
  });
});

describe('problem details', () => {
  it("never lets an error's details overwrite status, type or the other problem members", async () => {
    // Prepare: a 409 about a document whose own status is 'draft'
    const details = {
      status: 'draft',
      type: 'incoming',
      title: 't',
      detail: 'd',
      instance: '/x',
      errors: 'e',
      correlationId: 'forged',
      allowed: ['submit'],
      existing: { id: 'D1' },
    };
    // Act
    const response = await call(
      replayContract,
      async () => {
        throw new ConflictError('invalid-transition', 'Not from draft', { details, errors: [{ path: 'body.action', message: 'not allowed', extra: 'x' } as never] });
      },
      event(clerk),
    );
    // Assess
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      type: 'https://vanthu.hanoi.gov.vn/problems/invalid-transition',
      title: 'Conflict',
      status: 409,
      detail: 'Not from draft',
      correlationId: 'req-1',
      errors: [{ path: 'body.action', message: 'not allowed' }],
      allowed: ['submit'],
      existing: { id: 'D1' },
      details: { status: 'draft', type: 'incoming', title: 't', detail: 'd', instance: '/x', errors: 'e', correlationId: 'forged' },
    });
    expect(response.body.instance).toBeUndefined();
    expect(response.body.errors[0]).toEqual({ path: 'body.action', message: 'not allowed' });
  });
});
