/**
 * Words a clerk reads, over HTTP: `Accept-Language: vi` (the portal's) turns the problem answers and the
 * validation messages into Vietnamese; `GET /vocabulary` gives the label of every value the API uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocabulary } from '#domain/vocabulary/index';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let clerk: string;
let specialist: string;

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'lang-clerk', organId: '000.00.91.H26', roles: ['clerk'] });
  specialist = await api.token({ sub: 'lang-specialist', organId: '000.00.91.H26', roles: ['specialist'] });
});

afterAll(async () => {
  await api.runtime.close();
});

describe('Accept-Language: vi', () => {
  const invalid = incomingBody({ subject: undefined, urgency: 'very-fast' });

  it('answers an invalid registration 400 in Vietnamese: title, detail, the zod message on each field, Content-Language: vi', async () => {
    // Act
    const response = await api.request('POST', '/documents/incoming', { token: clerk, body: invalid, headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' } });
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('content-language')).toBe('vi');
    expect(response.body).toMatchObject({ title: 'Yêu cầu không hợp lệ', status: 400, detail: expect.stringMatching(/^Yêu cầu không hợp lệ: body\./) });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.subject', message: 'là bắt buộc' },
        { path: 'body.urgency', message: expect.stringMatching(/^phải là một trong các giá trị: "normal", "urgent"/) },
      ]),
    );
  });

  it('keeps English for the same request without the header', async () => {
    // Act
    const response = await api.request('POST', '/documents/incoming', { token: clerk, body: invalid });
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-language')).toBeNull();
    expect(response.body).toMatchObject({ title: 'Bad request', detail: expect.stringMatching(/^The request is not valid: body\./) });
    expect(response.body.errors).toEqual(expect.arrayContaining([{ path: 'body.subject', message: 'is required' }]));
  });

  it('refuses a caller whose role may not register, in Vietnamese, before reading the body', async () => {
    // Act
    const response = await api.request('POST', '/documents/incoming', { token: specialist, body: invalid, headers: { 'accept-language': 'vi' } });
    // Assess
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ title: 'Không có quyền', detail: expect.stringContaining('(Chuyên viên)') });
    expect(response.body.detail).toContain('Văn thư');
  });
});

describe('GET /vocabulary', () => {
  it('answers the label of every value of every enum, with an ETag, to any signed-in user', async () => {
    // Act
    const response = await api.request('GET', '/vocabulary', { token: specialist });
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get('cache-control')).toContain('max-age=');
    expect(response.body).toEqual(JSON.parse(JSON.stringify(vocabulary)));
    expect(response.body.urgency.labels['very-urgent']).toBe('Thượng khẩn');
    expect(response.body.incomingStatus).toMatchObject({ description: 'Trạng thái văn bản đến', labels: { registered: 'Đã vào sổ' } });
  });

  it('is not answered without a token', async () => {
    // Act
    const response = await api.request('GET', '/vocabulary');
    // Assess
    expect(response.status).toBe(401);
  });
});
