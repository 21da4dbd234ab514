import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createFileUploadContract } from '#http/operations/create-file-upload';
import { httpRoute } from '#http/route';

/** The route's validation alone: no adapters behind it. */
const withoutPorts = { ...createFileUploadContract, ports: [] };
import { DOC_ID } from './fakes.ts';

const claims = { sub: 'clerk-1', organId: '000.00.91.H26', roles: '[clerk]', name: 'Văn thư' };

function announce(fileName: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /documents/{id}/files',
    rawPath: `/documents/${DOC_ID}/files`,
    rawQueryString: '',
    headers: {},
    pathParameters: { id: DOC_ID },
    body: JSON.stringify({ fileName, contentType: 'application/pdf', size: 10, sha256: 'ab'.repeat(32) }),
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', authorizer: { jwt: { claims, scopes: [] } } },
  } as unknown as APIGatewayProxyEventV2;
}

describe('file names at the edge (POST /documents/{id}/files)', () => {
  it.each([
    ['NUL', 'a\u0000.pdf'],
    ['a line break', 'a\r\n.pdf'],
    ['DEL', 'a\u007f.pdf'],
    ['a C1 control', 'a\u009b.pdf'],
    ['a right-to-left override', 'hoa-don\u202efdp.exe'],
    ['an isolate', 'a\u2066b\u2069.pdf'],
  ])('refuses a name with %s with 400 naming body.fileName, and opens no upload', async (_what, fileName) => {
    // Prepare
    let ran = false;
    const handler = httpRoute(withoutPorts, {}, async () => ((ran = true), { fileId: 'x', method: 'PUT' as const, uploadUrl: 'x', expiresAt: 'x', requiredHeaders: {} }));
    // Act
    const response = await handler(announce(fileName), { awsRequestId: 'aws-1' } as Context);
    // Assess
    expect(response.statusCode).toBe(400);
    expect(String(response.headers?.['content-type'])).toMatch(/application\/problem\+json/);
    expect((JSON.parse(response.body ?? '{}') as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.fileName']);
    expect(ran).toBe(false);
  });

  it('accepts a Vietnamese name', async () => {
    const handler = httpRoute(withoutPorts, {}, async ({ body }) => ({ fileId: 'x', method: 'PUT' as const, uploadUrl: body.fileName, expiresAt: 'x', requiredHeaders: {} }));
    const response = await handler(announce('Quyết định số 15 – bản ký số.pdf'), { awsRequestId: 'aws-1' } as Context);
    expect(response.statusCode).toBe(201);
  });
});
