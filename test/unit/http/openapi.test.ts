import { allContracts } from '#http/operations/index';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { functions } from '#infra/definitions';
import { deployedFunctions } from '#infra/stacks/system';
import { openApiDocument } from '#http/openapi';

type Paths = Record<string, Record<string, unknown>>;

const routeKeys = (list: typeof functions): string[] => list.flatMap((fn) => (fn.trigger.kind === 'http' ? fn.trigger.routes.map((r) => `${r.method} ${r.path}`) : []));
const documented = (paths: Paths): string[] => Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

describe('the OpenAPI document', () => {
  it('served by AWS lists every deployed route and not POST /dev/token', () => {
    // Act
    const paths = openApiDocument({ version: 'test', servedBy: 'aws' }).paths as Paths;
    // Assess
    expect(paths['/dev/token']).toBeUndefined();
    expect(paths['/dev/users']).toBeUndefined();
    expect(documented(paths).sort()).toEqual(routeKeys(deployedFunctions(functions)).sort());
  });

  it('served by the local runtime also lists the localOnly routes (POST /dev/token)', () => {
    // Act
    const paths = openApiDocument({ version: 'test', servedBy: 'local' }).paths as Paths;
    // Assess
    expect(paths['/dev/token']?.post).toMatchObject({ operationId: 'devToken' });
    expect(documented(paths).sort()).toEqual(routeKeys(functions).sort());
  });

  it('follows the localOnly mark of the declarations, not a list of its own', () => {
    // Prepare: the same operations with /health marked local-only
    const contracts = allContracts.map((c) => (c.operationId === 'health' ? { ...c, runtime: { localOnly: true } } : c));
    // Act
    const paths = openApiDocument({ version: 'test', servedBy: 'aws', contracts }).paths as Paths;
    // Assess
    expect(paths['/health']).toBeUndefined();
  });
});

describe('GET /openapi.json (functions/http/openapi.ts)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('serves the deployed document where no development token issuer is configured, as in AWS', async () => {
    // Prepare
    vi.stubEnv('VANTHU_DEV_JWT_ISSUER', undefined);
    vi.resetModules();
    const { handler } = await import('../../../functions/http/openapi.ts');
    // Act
    const response = (await handler(openapiEvent(), { awsRequestId: 'aws-1' } as Context)) as APIGatewayProxyStructuredResultV2;
    // Assess
    expect(response.statusCode).toBe(200);
    const paths = (JSON.parse(response.body ?? '{}') as { paths: Paths }).paths;
    expect(paths['/health']).toBeDefined();
    expect(paths['/dev/token']).toBeUndefined();
    expect(paths['/dev/users']).toBeUndefined();
  });

  it('lists POST /dev/token where the local runtime configured the issuer', async () => {
    // Prepare
    vi.stubEnv('VANTHU_DEV_JWT_ISSUER', 'vanthu-local');
    vi.resetModules();
    const { handler } = await import('../../../functions/http/openapi.ts');
    // Act
    const response = (await handler(openapiEvent(), { awsRequestId: 'aws-1' } as Context)) as APIGatewayProxyStructuredResultV2;
    // Assess
    expect((JSON.parse(response.body ?? '{}') as { paths: Paths }).paths['/dev/token']).toBeDefined();
  });
});

function openapiEvent(): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /openapi.json',
    rawPath: '/openapi.json',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/openapi.json' } },
  } as unknown as APIGatewayProxyEventV2;
}
