import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#domain/errors';
import { problemResponse, problemTitle, timeoutResponse, validationError } from '#http/problem';

const vietnamese: Readonly<Record<number, string>> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Xung đột',
  413: 'Quá lớn',
  422: 'Không thể xử lý',
  500: 'Lỗi hệ thống',
  503: 'Hệ thống đang bận',
  504: 'Hết thời gian chờ',
};

describe('problem titles in the language asked for', () => {
  it.each(Object.entries(vietnamese).map(([status, title]) => [Number(status), title] as const))('%i is "%s" in Vietnamese, and stays English otherwise', (status, title) => {
    // Act
    const vi = problemTitle(status, 'vi');
    const en = problemTitle(status, 'en');
    // Assess
    expect(vi).toBe(title);
    expect(en).not.toBe(title);
    expect(en).toMatch(/^[A-Z][a-z ]+$/);
  });

  it('answers a domain error with the Vietnamese title, Content-Language: vi and the same members', () => {
    // Act
    const response = problemResponse(new ConflictError('document-issued', 'frozen', { details: { status: 'issued' } }), 'req-1', 'vi');
    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json; charset=utf-8', 'content-language': 'vi', vary: 'accept-language' });
    expect(JSON.parse(response.body ?? '{}')).toEqual({
      type: 'https://vanthu.hanoi.gov.vn/problems/document-issued',
      title: 'Xung đột',
      status: 409,
      detail: 'frozen',
      correlationId: 'req-1',
      details: { status: 'issued' },
    });
  });

  it('keeps English without a language, and says no Content-Language', () => {
    // Act
    const response = problemResponse(new NotFoundError('No document D1.'), 'req-2');
    // Assess
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ title: 'Not found', detail: 'No document D1.' });
    expect(response.headers?.['content-language']).toBeUndefined();
  });

  it('says what a 500 and a 504 say in Vietnamese, with the id to quote', () => {
    // Act
    const internal = JSON.parse(problemResponse(new Error('boom'), 'req-3', 'vi').body ?? '{}');
    const timeout = timeoutResponse('req-4', 'vi');
    // Assess
    expect(internal).toMatchObject({ title: 'Lỗi hệ thống', status: 500, detail: expect.stringContaining('req-3') });
    expect(internal.detail).toMatch(/^Hệ thống gặp lỗi; chưa có gì thay đổi/);
    expect(internal.detail).not.toContain('boom');
    expect(timeout.headers?.['content-language']).toBe('vi');
    expect(JSON.parse(timeout.body ?? '{}')).toMatchObject({ title: 'Hết thời gian chờ', status: 504 });
  });

  it('summarises field issues in Vietnamese', () => {
    // Act
    const one = validationError([], 'vi');
    const several = validationError(
      [
        { path: 'body.subject', message: 'là bắt buộc' },
        { path: 'body.urgency', message: 'phải là một trong các giá trị: "normal"' },
      ],
      'vi',
    );
    // Assess
    expect(one.message).toBe('Yêu cầu không hợp lệ.');
    expect(several.message).toBe('Yêu cầu không hợp lệ: body.subject là bắt buộc (và 1 lỗi khác).');
    expect(validationError([{ path: 'body.subject', message: 'is required' }]).message).toBe('The request is not valid: body.subject is required.');
  });
});
