/**
 * The route answers in the language of Accept-Language: problem titles, its own refusals (401, 403, a body
 * that is not JSON), and the validation messages zod writes — English when the request asks for nothing else.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineContract } from '#http/contract';
import { httpRoute } from '#http/route';

const contract = defineContract({
  operationId: 'testLanguage',
  method: 'POST',
  path: '/things/{id}',
  tag: 'test',
  summary: 'test route',
  auth: 'jwt',
  permission: 'document.register-incoming',
  body: z.object({
    subject: z.string().min(1).max(10),
    urgency: z.enum(['normal', 'urgent']),
    code: z.string().regex(/^\d+$/, 'digits only, e.g. 15'),
  }),
  query: undefined,
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  response: z.object({ ok: z.boolean() }),
  status: 201,
  errors: [400],
  ports: [],
});

const handler = httpRoute(contract, {}, async () => ({ ok: true }));

function event(options: { language?: string; roles?: string; claims?: false; body?: string }): APIGatewayProxyEventV2 {
  const claims = { sub: 'u1', organId: '000.00.91.H26', roles: options.roles ?? '[clerk]', name: 'Văn thư' };
  return {
    version: '2.0',
    routeKey: 'POST /things/{id}',
    rawPath: '/things/1',
    rawQueryString: '',
    headers: options.language === undefined ? {} : { 'accept-language': options.language },
    pathParameters: { id: '1' },
    body: options.body ?? JSON.stringify({ urgency: 'very', code: 'x15', subject: 'Về việc giao dự toán' }),
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', ...(options.claims === false ? {} : { authorizer: { jwt: { claims, scopes: [] } } }) },
  } as unknown as APIGatewayProxyEventV2;
}

async function call(e: APIGatewayProxyEventV2) {
  const response = await handler(e, { awsRequestId: 'aws-1' } as Context);
  return { status: response.statusCode, headers: response.headers ?? {}, body: JSON.parse(response.body ?? '{}') as Record<string, any> };
}

describe('a request that asks for Vietnamese (Accept-Language: vi)', () => {
  it('is refused with 400 problem+json: Vietnamese title, detail and zod messages on each field path, Content-Language: vi', async () => {
    // Act
    const response = await call(event({ language: 'vi-VN,vi;q=0.9,en;q=0.8' }));
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({ 'content-type': expect.stringMatching(/application\/problem\+json/), 'content-language': 'vi' });
    expect(response.body).toMatchObject({ title: 'Yêu cầu không hợp lệ', status: 400, detail: expect.stringMatching(/^Yêu cầu không hợp lệ: body\./) });
    expect(response.body.detail).toContain('(và 2 lỗi khác)');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.subject', message: 'không được quá 10 ký tự' },
        { path: 'body.urgency', message: 'phải là một trong các giá trị: "normal", "urgent"' },
        // A message the schema wrote itself stays as written.
        { path: 'body.code', message: 'digits only, e.g. 15' },
      ]),
    );
  });

  it('keeps English for the same request without the header', async () => {
    // Act
    const response = await call(event({}));
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers['content-language']).toBeUndefined();
    expect(response.body).toMatchObject({ title: 'Bad request', detail: expect.stringMatching(/^The request is not valid: body\./) });
    expect(response.body.errors).toEqual(expect.arrayContaining([{ path: 'body.subject', message: 'Too big: expected string to have <=10 characters' }]));
  });

  it('says a missing body and a body that is not JSON in Vietnamese', async () => {
    // Act
    const empty = await call(event({ language: 'vi', body: '' }));
    const broken = await call(event({ language: 'vi', body: '{"subject":' }));
    // Assess
    expect(empty.body).toMatchObject({ title: 'Yêu cầu không hợp lệ', detail: 'Yêu cầu cần có nội dung JSON.', errors: [{ path: 'body', message: 'là bắt buộc' }] });
    expect(broken.body).toMatchObject({ status: 400, detail: 'Nội dung yêu cầu không phải JSON hợp lệ.' });
  });

  it('is refused 403 before its body is read, naming the roles in Vietnamese', async () => {
    // Act
    const response = await call(event({ language: 'vi', roles: '[specialist leader]' }));
    // Assess
    expect(response.status).toBe(403);
    expect(response.headers['content-language']).toBe('vi');
    expect(response.body).toMatchObject({
      title: 'Không có quyền',
      detail: 'Vai trò của bạn (Chuyên viên, Lãnh đạo) không được thực hiện thao tác này; cần một trong các vai trò: Văn thư.',
      action: 'document.register-incoming',
      allowed: ['clerk'],
    });
  });

  it('is refused 401 without the claims of a signed-in caller', async () => {
    // Act
    const vi = await call(event({ language: 'vi', claims: false }));
    const en = await call(event({ claims: false }));
    // Assess
    expect(vi).toMatchObject({ status: 401, body: { title: 'Chưa đăng nhập', detail: 'Hãy đăng nhập trước: gửi Authorization: Bearer <token>.' } });
    expect(en).toMatchObject({ status: 401, body: { title: 'Not signed in', detail: 'Sign in first: send Authorization: Bearer <token>.' } });
  });

  it('reaches the handler in its language when it is valid', async () => {
    // Prepare
    let seen: string | undefined;
    const route = httpRoute(contract, {}, async ({ language }) => ((seen = language), { ok: true }));
    // Act
    const response = await route(event({ language: 'vi', body: JSON.stringify({ subject: 'Về việc', urgency: 'urgent', code: '15' }) }), { awsRequestId: 'a' } as Context);
    // Assess
    expect(response.statusCode).toBe(201);
    expect(seen).toBe('vi');
  });
});
