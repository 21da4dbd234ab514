import { describe, expect, it } from 'vitest';
import { incomingRegistrationSchema, newIncomingDocument } from '#domain/documents/incoming';
import { ValidationError } from '#domain/errors';

const clerk = { sub: 'u1', organId: '000.00.91.H26', roles: ['clerk' as const], name: 'Văn thư' };

describe('incoming registration', () => {
  it('numbers the document in the Vietnam year of arrival, across the year boundary', () => {
    const input = incomingRegistrationSchema.parse({
      issuer: { organName: 'Bộ Tài chính' },
      codeNumber: '1',
      codeNotation: 'CV',
      promulgationDate: '2026-12-30',
      typeName: 'Công văn',
      subject: 'Thử',
    });
    const document = newIncomingDocument(input, { id: 'X', principal: clerk, now: new Date('2026-12-31T17:30:00Z') });
    expect(document.arrivalYear).toBe(2027);
    expect(document.arrivalDate).toBe('2027-01-01');
    expect(document.status).toBe('registered');
    expect(document.organId).toBe(clerk.organId);
  });

  it('refuses a due date in the past with the field path', () => {
    const input = incomingRegistrationSchema.parse({
      issuer: { organName: 'A' },
      codeNumber: '1',
      codeNotation: 'CV',
      promulgationDate: '2026-01-01',
      typeName: 'Công văn',
      subject: 'S',
      dueDate: '2026-01-02',
    });
    expect(() => newIncomingDocument(input, { id: 'X', principal: clerk, now: new Date('2026-06-01T00:00:00Z') })).toThrowError(ValidationError);
    try {
      newIncomingDocument(input, { id: 'X', principal: clerk, now: new Date('2026-06-01T00:00:00Z') });
    } catch (error) {
      expect((error as ValidationError).errors[0]?.path).toBe('body.dueDate');
    }
  });

  it('enforces the regulation field lengths', () => {
    const result = incomingRegistrationSchema.safeParse({
      issuer: { organName: 'A' },
      codeNumber: '123456789012',
      codeNotation: 'CV',
      promulgationDate: '2026-01-01',
      typeName: 'Công văn',
      subject: 'x'.repeat(501),
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['codeNumber', 'subject']);
  });
});
