import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ConflictError, ForbiddenError } from '#domain/errors';
import { defineContract } from '#http/contract';
import { scopedIdempotencyKey } from '#http/idempotency';
import { httpRoute, MAX_JSON_BODY_BYTES } from '#http/route';
import { MemoryIdempotencyStore } from './memory-idempotency-store.ts';

// Metrics are off in tests (vitest.config.ts); the ones the route emits are recorded here.
const metrics = vi.hoisted(() => [] as string[]);
vi.mock('#observability/log', async (original) => ({ ...(await original<typeof import('#observability/log')>()), emitMetric: (name: string) => void metrics.push(name) }));

// Writes with an Idempotency-Key claim it first; here in memory.
vi.mock('#adapters/idempotency', () => ({ idempotencyStore: () => keys }));
const keys = new MemoryIdempotencyStore();

const contract = defineContract({
  operationId: 'test',
  method: 'POST',
  path: '/things/{id}',
  tag: 'test',
  summary: 'test route',
  auth: 'jwt',
  body: z.object({ name: z.string().min(1), count: z.number().int() }),
  query: undefined,
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  response: z.object({ ok: z.boolean() }),
  status: 201,
  errors: [400],
  ports: [],
});

const claims = { sub: 'u1', organId: '000.00.91.H26', roles: '[clerk]', name: 'Văn thư' };
const event = (overrides: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, string> | null } = {}): APIGatewayProxyEventV2 => {
  const { claims: c = claims, ...rest } = overrides;
  return {
    version: '2.0',
    routeKey: 'POST /things/{id}',
    rawPath: '/things/1',
    rawQueryString: '',
    headers: {},
    pathParameters: { id: '1' },
    body: JSON.stringify({ name: 'a', count: 1 }),
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', ...(c === null ? {} : { authorizer: { jwt: { claims: c, scopes: [] } } }) },
    ...rest,
  } as unknown as APIGatewayProxyEventV2;
};
const context = { awsRequestId: 'aws-1' } as Context;

async function call(run: Parameters<typeof httpRoute<typeof contract>>[2], e: APIGatewayProxyEventV2) {
  const response = await httpRoute(contract, {}, run)(e, context);
  return { status: response.statusCode, headers: response.headers ?? {}, body: JSON.parse(response.body ?? '{}') as Record<string, any> };
}

describe('httpRoute', () => {
  it('answers the contract status with JSON and the correlation id', async () => {
    const response = await call(async ({ body, params, principal }) => ({ ok: body.count === 1 && params.id === '1' && principal.organId === claims.organId }), event());
    expect(response).toMatchObject({ status: 201, body: { ok: true } });
    expect(response.headers['x-correlation-id']).toBe('req-1');
  });

  it('refuses invalid fields with 400 problem+json and a path per field, without running the use case', async () => {
    let ran = false;
    const response = await call(async () => ((ran = true), { ok: true }), event({ body: JSON.stringify({ name: '', count: 1.5 }), pathParameters: { id: 'x' } }));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.count', 'body.name', 'path.id']);
    expect(ran).toBe(false);
  });

  it('refuses malformed JSON and an empty body with 400', async () => {
    expect((await call(async () => ({ ok: true }), event({ body: '{"name":' }))).status).toBe(400);
    expect((await call(async () => ({ ok: true }), event({ body: '' }))).body.errors).toEqual([{ path: 'body', message: 'is required' }]);
  });

  it('decodes base64 bodies once', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'Hà Nội', count: 2 })).toString('base64');
    const response = await call(async ({ body: b }) => ({ ok: b.name === 'Hà Nội' }), event({ body, isBase64Encoded: true }));
    expect(response.body.ok).toBe(true);
  });

  it('refuses bodies over the limit with 413 before parsing', async () => {
    const response = await call(async () => ({ ok: true }), event({ body: `{"name":"${'a'.repeat(MAX_JSON_BODY_BYTES)}"}` }));
    expect(response.status).toBe(413);
  });

  it('answers 401 without claims', async () => {
    expect((await call(async () => ({ ok: true }), event({ claims: null }))).status).toBe(401);
  });

  it('maps domain errors to their status and keeps their details', async () => {
    expect(
      (
        await call(async () => {
          throw new ForbiddenError('no');
        }, event())
      ).status,
    ).toBe(403);
    const conflict = await call(async () => {
      throw new ConflictError('duplicate-document', 'dup', { details: { existing: { id: 'D1' } } });
    }, event());
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ type: expect.stringContaining('duplicate-document'), existing: { id: 'D1' } });
  });

  it('hides unexpected errors behind a 500 that names the correlation id only', async () => {
    const response = await call(async () => {
      throw new Error('secret internals');
    }, event());
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('secret internals');
    expect(response.body.detail).toContain('req-1');
  });

  it('passes a well-formed Idempotency-Key and refuses a malformed one', async () => {
    // The use case receives the key bound to the caller and the operation (route-security.test.ts)
    const seen = await call(
      async ({ idempotencyKey }) => ({ ok: idempotencyKey === scopedIdempotencyKey({ organId: claims.organId, sub: claims.sub, operation: 'test', key: 'key-12345' }) }),
      event({ headers: { 'Idempotency-Key': 'key-12345' } }),
    );
    expect(seen.body.ok).toBe(true);
    const bad = await call(async () => ({ ok: true }), event({ headers: { 'idempotency-key': 'bad key' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('header.idempotency-key');
  });

  it('answers 504 problem+json with a log line and a metric when the function is about to time out', async () => {
    // Prepare: 1.1 s left, of which the route keeps 1 s to answer; the use case needs longer
    const lines: string[] = [];
    // Errors go to stderr (Powertools' Logger), as Lambda reads them.
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const short = { awsRequestId: 'aws-1', getRemainingTimeInMillis: () => 1100 } as Context;
    const slow = httpRoute(contract, {}, () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 2000)));
    // Act
    const started = Date.now();
    const response = await slow(event(), short);
    write.mockRestore();
    // Assess
    expect(Date.now() - started).toBeLessThan(1500);
    expect(response.statusCode).toBe(504);
    expect(response.headers?.['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ status: 504, correlationId: 'req-1', type: expect.stringContaining('timeout') });
    expect(lines.some((line) => line.includes('"message":"request timed out"'))).toBe(true);
    expect(metrics).toContain('Timeouts');
  });

  it('answers in time without a 504 when the use case finishes within the budget', async () => {
    // Prepare
    const short = { awsRequestId: 'aws-1', getRemainingTimeInMillis: () => 1500 } as Context;
    const quick = httpRoute(contract, {}, async () => ({ ok: true }));
    // Act
    const response = await quick(event(), short);
    // Assess
    expect(response.statusCode).toBe(201);
  });
});
