import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors';
import { fileCode, fileCodeKey, fileNotationSchema } from '#domain/records/file-code';
import { newRecordSchema, newWorkRecord } from '#domain/records/record';

const specialist = { sub: 's1', organId: '000.00.00.H26', roles: ['specialist' as const], name: 'Chuyên viên' };

describe('FileCode (mã hồ sơ)', () => {
  it('joins the agency code, the year and the file notation with dots', () => {
    // Act
    const code = fileCode('000.00.00.H26', 2026, '01.TH');
    // Assess
    expect(code).toBe('000.00.00.H26.2026.01.TH');
  });

  it.each(['01.TH', '1', 'ĐT.05', '05.VX.ĐT', 'a'.repeat(30)])('accepts the file notation %s', (notation) => {
    expect(fileNotationSchema.safeParse(notation).success).toBe(true);
  });

  it.each([
    ['', 'required'],
    ['01 TH', 'letters, digits'],
    ['01..TH', 'letters, digits'],
    ['.01', 'letters, digits'],
    ['01.', 'letters, digits'],
    ['01/TH', 'letters, digits'],
    ['Hồ.01', 'letters, digits'],
    ['a'.repeat(31), 'at most 30'],
  ])('refuses the file notation %j with a reason', (notation, reason) => {
    // Act
    const result = fileNotationSchema.safeParse(notation);
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' ')).toContain(reason);
  });

  it('trims the notation before checking it', () => {
    expect(fileNotationSchema.parse('  01.TH ')).toBe('01.TH');
  });

  it('treats codes that differ only in case as the same code for uniqueness', () => {
    expect(fileCodeKey('000.00.00.H26.2026.01.th')).toBe(fileCodeKey('000.00.00.H26.2026.01.TH'));
    expect(fileCodeKey('000.00.00.H26.2026.01.đt')).toBe('000.00.00.H26.2026.01.ĐT');
    expect(fileCodeKey('000.00.00.H26.2026.01.TH')).not.toBe(fileCodeKey('000.00.00.H26.2025.01.TH'));
  });
});

describe('opening a record', () => {
  const input = newRecordSchema.parse({ fileNotation: '01.TH', title: 'Hồ sơ tổng hợp báo cáo năm', maintenance: 'permanent' });

  it('forms the code in the Vietnam year when none is given, across the year boundary', () => {
    // Act
    const record = newWorkRecord(input, { id: 'R1', principal: specialist, now: new Date('2026-12-31T17:30:00Z') });
    // Assess
    expect(record).toMatchObject({
      fileCode: '000.00.00.H26.2027.01.TH',
      year: 2027,
      startDate: '2027-01-01',
      status: 'open',
      documentCount: 0,
      version: 1,
      language: 'Tiếng Việt',
    });
    expect(record.keeper).toEqual({ sub: 's1', name: 'Chuyên viên' });
  });

  it('accepts an earlier year and refuses a future one with the field path', () => {
    // Prepare
    const now = new Date('2026-06-01T00:00:00Z');
    // Act
    const earlier = newWorkRecord({ ...input, year: 2024 }, { id: 'R1', principal: specialist, now });
    const future = (() => {
      try {
        newWorkRecord({ ...input, year: 2027 }, { id: 'R2', principal: specialist, now });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    // Assess
    expect(earlier.fileCode).toBe('000.00.00.H26.2024.01.TH');
    expect(future).toBeInstanceOf(ValidationError);
    expect((future as ValidationError).errors).toEqual([{ path: 'body.year', message: 'must not be after 2026' }]);
  });

  it("accepts 'permanent' or a whole number of years as maintenance, and nothing else", () => {
    const base = { fileNotation: '01', title: 'T' };
    expect(newRecordSchema.safeParse({ ...base, maintenance: 10 }).success).toBe(true);
    for (const maintenance of ['forever', 0, 2.5, 101, '10']) {
      const result = newRecordSchema.safeParse({ ...base, maintenance });
      expect(result.success, String(maintenance)).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['maintenance']);
    }
  });
});
