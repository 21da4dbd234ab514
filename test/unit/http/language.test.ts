import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { negotiateLanguage, requestLanguage, zodErrorMap } from '#http/language';

describe('negotiateLanguage (Accept-Language, RFC 9110 §12.5.4)', () => {
  it.each([
    ['vi', 'vi'],
    ['vi-VN', 'vi'],
    ['VI-vn', 'vi'],
    ['vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7', 'vi'],
    ['fr-FR, fr;q=0.9, vi;q=0.5', 'vi'],
    ['en;q=0, *', 'vi'],
    ['vi;q=0.5, en;q=0.5', 'vi'],
    [' vi ; q=1.000 ', 'vi'],
    ['vi;q=0.8, garbage!!, en;q=0.1', 'vi'],
  ])('%j → Vietnamese', (header, expected) => {
    // Act
    const language = negotiateLanguage(header);
    // Assess
    expect(language).toBe(expected);
  });

  it.each([
    ['en;q=0.9, vi;q=0.8', 'en'],
    ['en-US,en;q=0.9,vi;q=0.8', 'en'],
    ['*;q=0.9, vi;q=0.8', 'en'],
    ['en;q=0.5, vi;q=0.5', 'en'],
    ['*', 'en'],
    ['fr', 'en'],
    ['vi;q=0', 'en'],
    ['', 'en'],
  ])('%j → English', (header, expected) => {
    // Act
    const language = negotiateLanguage(header);
    // Assess
    expect(language).toBe(expected);
  });

  it.each([['vi;q=abc'], ['vi;q=2'], ['vi;q=0.0001'], ['vi_VN'], [';;;'], ['vi-'], ['vietnamese-language'], [`vi,${'x'.repeat(600)}`]])(
    'a malformed header %j names no language: English',
    (header) => {
      // Act
      const language = negotiateLanguage(header);
      // Assess
      expect(language).toBe('en');
    },
  );

  it('is English without the header, and reads it whatever its case', () => {
    // Prepare
    const event = (headers: Record<string, string> | undefined) => ({ headers }) as unknown as APIGatewayProxyEventV2;
    // Act, Assess
    expect(negotiateLanguage(undefined)).toBe('en');
    expect(requestLanguage(event(undefined))).toBe('en');
    expect(requestLanguage(event({ 'accept-language': 'vi' }))).toBe('vi');
    expect(requestLanguage(event({ 'Accept-Language': 'vi-VN' }))).toBe('vi');
  });
});

describe('zodErrorMap', () => {
  const schema = z.object({
    subject: z.string().min(1).max(5),
    count: z.number().int().min(1),
    urgency: z.enum(['normal', 'urgent']),
    code: z.string().regex(/^\d+$/),
    note: z.string().min(1, 'the note (ghi chú) must not be empty'),
    list: z.array(z.string()).min(2),
  });
  const messages = (value: unknown, language: 'en' | 'vi') => {
    const error = zodErrorMap(language);
    const result = error === undefined ? schema.safeParse(value) : schema.safeParse(value, { error });
    return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
  };

  it('words in Vietnamese the issues whose schema says nothing itself', () => {
    // Act
    const missing = messages({}, 'vi');
    const wrong = messages({ subject: 'Hà Nội ơi', count: 0.5, urgency: 'fast', code: 'x1', note: '', list: [1] }, 'vi');
    // Assess
    expect(missing).toMatchObject({ subject: 'là bắt buộc', count: 'là bắt buộc', urgency: 'là bắt buộc' });
    expect(wrong).toMatchObject({
      subject: 'không được quá 5 ký tự',
      count: 'phải là số nguyên, không phải số',
      urgency: 'phải là một trong các giá trị: "normal", "urgent"',
      code: 'không đúng định dạng',
      'list.0': 'phải là chuỗi ký tự, không phải số',
    });
    expect(messages({ subject: '', count: 0, urgency: 'normal', code: '1', note: 'x', list: ['a'] }, 'vi')).toEqual({
      subject: 'không được để trống',
      count: 'phải từ 1 trở lên',
      list: 'phải có ít nhất 2 phần tử',
    });
  });

  it("keeps a message the schema wrote itself, and leaves English (and zod's global configuration) as it was", () => {
    // Act
    const vietnamese = messages({ subject: 'a', count: 1, urgency: 'normal', code: '1', note: '', list: ['a', 'b'] }, 'vi');
    const english = messages({}, 'en');
    // Assess
    expect(vietnamese).toEqual({ note: 'the note (ghi chú) must not be empty' });
    expect(english.subject).toBe('Invalid input: expected string, received undefined');
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
  });
});
