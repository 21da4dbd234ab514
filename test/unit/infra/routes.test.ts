/**
 * One declaration per operation (layers/http/contracts): the pieces derived from it agree with it — the
 * function definition (route, handler file, access), the handler (the ports it composes), the OpenAPI entry
 * (every answer, the roles of its permission, the Idempotency-Key) and the route's own refusals.
 */
import { existsSync } from 'node:fs';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { permissions } from '#domain/identity/permissions';
import { answersOf, idempotencyOf, rolesOf } from '#http/contract';
import { allContracts } from '#http/operations/index';
import { openApiDocument } from '#http/openapi';
import { functions } from '#infra/definitions';
import { accessOf, functionName, portNeeds } from '#infra/operations';
import { readFileSync } from 'node:fs';
import type { PortName } from '#http/contract';

type Handler = ((event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode?: number; body?: string }>) & { operation?: unknown; ports?: readonly string[] };

const document = openApiDocument({ version: 'test', servedBy: 'local' }) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[]; 'x-roles'?: string[] }>>;
};

describe('each operation and what is derived from it', () => {
  it.each(allContracts.map((c) => [c.operationId, c] as const))('%s: one function, its route, its handler file, its access', (_id, contract) => {
    const fn = functions.find((f) => f.name === functionName(contract.operationId));
    expect(fn?.trigger).toEqual({ kind: 'http', routes: [{ method: contract.method, path: contract.path, auth: contract.auth }] });
    expect(fn?.entry).toBe(`functions/http/${functionName(contract.operationId)}.ts`);
    expect(existsSync(fn?.entry ?? '')).toBe(true);
    expect(fn?.access).toEqual(accessOf(contract));
  });

  it.each(allContracts.map((c) => [c.operationId, c] as const))('%s: the handler is built from this declaration and composes exactly its ports', async (_id, contract) => {
    const module = (await import(`../../../functions/http/${functionName(contract.operationId)}.ts`)) as { handler: Handler };
    expect(module.handler.operation).toBe(contract);
    expect([...(module.handler.ports ?? [])].sort()).toEqual([...contract.ports].sort());
  });

  it.each(allContracts.filter((c) => c.runtime?.localOnly !== true).map((c) => [c.operationId, c] as const))(
    '%s: the OpenAPI entry lists every answer, the roles and the key',
    (_id, contract) => {
      const entry = document.paths[contract.path]?.[contract.method.toLowerCase()];
      expect(
        Object.keys(entry?.responses ?? {})
          .map(Number)
          .sort((a, b) => a - b),
      ).toEqual([contract.status, ...answersOf(contract)].sort((a, b) => a - b));
      expect(entry?.['x-roles']).toEqual(rolesOf(contract));
      expect((entry?.parameters ?? []).some((p) => p.name === 'Idempotency-Key')).toBe(idempotencyOf(contract) === 'key');
    },
  );

  it('declares the answers every route of a kind can give: 413 with a body, 409/422 with a key, 504 everywhere', () => {
    for (const contract of allContracts) {
      const answers = answersOf(contract);
      if (contract.body !== undefined || contract.rawBody !== undefined) expect(answers, contract.operationId).toContain(413);
      if (idempotencyOf(contract) !== 'none') expect(answers, contract.operationId).toEqual(expect.arrayContaining([409, 422]));
      expect(answers, contract.operationId).toContain(504);
    }
  });

  it('honours Idempotency-Key on every write of a signed-in caller', () => {
    const writes = allContracts.filter((c) => c.auth === 'jwt' && c.method !== 'GET');
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((c) => idempotencyOf(c) !== 'key').map((c) => c.operationId)).toEqual([]);
  });

  it('has one operation per route and one function per operation or worker', () => {
    expect(new Set(allContracts.map((c) => `${c.method} ${c.path}`)).size).toBe(allContracts.length);
    expect(new Set(functions.map((f) => f.name)).size).toBe(functions.length);
    expect(functions.filter((f) => !existsSync(f.entry)).map((f) => f.entry)).toEqual([]);
  });
});

describe('the route enforces the permission it declares, before it reads the request', () => {
  const roleless = (contract: (typeof allContracts)[number]): APIGatewayProxyEventV2 =>
    ({
      version: '2.0',
      routeKey: `${contract.method} ${contract.path}`,
      rawPath: contract.path,
      rawQueryString: '',
      headers: {},
      pathParameters: {},
      body: 'not json',
      isBase64Encoded: false,
      // A valid caller whose one role is not among those the matrix allows for this action.
      requestContext: {
        requestId: 'req-perm',
        authorizer: { jwt: { claims: { sub: 'u', organId: '000.00.91.H26', roles: `[${outsider(contract)}]`, name: 'Người ngoài' }, scopes: [] } },
      },
    }) as unknown as APIGatewayProxyEventV2;
  const outsider = (contract: (typeof allContracts)[number]): string => {
    const allowed: readonly string[] = contract.permission === undefined ? [] : permissions[contract.permission];
    return ['clerk', 'leader', 'specialist', 'admin', 'city-admin'].find((role) => !allowed.includes(role)) ?? 'none';
  };

  // An action every role may perform has no outsider to refuse.
  const refusable = allContracts.filter((c) => c.permission !== undefined && outsider(c) !== 'none');
  it('has operations to refuse', () => expect(refusable.length).toBeGreaterThan(40));

  it.each(refusable.map((c) => [c.operationId, c] as const))('%s answers 403 naming its permission', async (_id, contract) => {
    // Prepare
    const module = (await import(`../../../functions/http/${functionName(contract.operationId)}.ts`)) as { handler: Handler };
    // Act: a bad body too — the permission is checked first
    const response = await module.handler(roleless(contract), { awsRequestId: 'aws-perm' } as Context);
    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ action: contract.permission });
  });
});

describe('each worker: its hand-written access covers the ports its handler composes', () => {
  const workers = functions.filter((f) => f.trigger.kind !== 'http');
  /** The ports a worker composes: the factories its handler imports (layers/adapters/ports/<port>.ts). */
  const portsOf = (entry: string): PortName[] =>
    [...readFileSync(entry, 'utf8').matchAll(/from '#adapters\/ports\/([a-z-]+)'/g)]
      .map((m) => (m[1] === 'verified-files' ? 'files' : (m[1] ?? '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())))
      .filter((name): name is PortName => name !== 'compose');

  it('has workers that compose ports', () => {
    expect(workers.length).toBeGreaterThanOrEqual(7);
    for (const worker of workers) expect(portsOf(worker.entry).length, worker.name).toBeGreaterThan(0);
  });

  it.each(workers.map((w) => [w.name, w] as const))('%s', (_name, worker) => {
    const ports = portsOf(worker.entry);
    const needs = portNeeds(ports);
    if (needs.table) expect(worker.access.table, 'table').toBe('readwrite');
    if (needs.sendsEmail) expect(worker.access.sendsEmail, 'sendsEmail').toBe(true);
    if (needs.axis) expect(worker.access.axis, 'axis').toBe(true);
    if (ports.includes('queue')) expect(worker.access.sendsTo?.length ?? 0, 'sendsTo').toBeGreaterThan(0);
    if (ports.includes('files')) expect(worker.access.bucket, 'bucket').toBeDefined();
  });
});
