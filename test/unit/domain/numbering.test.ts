import { describe, expect, it } from 'vitest';
import { duplicateKeys } from '#domain/documents/incoming';
import { numberingConfigSchema } from '#domain/documents/numbering';
import { planNumberingChange, type RegisterCounter } from '#domain/documents/numbering-change';
import { registerColumns, registerRow } from '#domain/documents/register';
import type { IncomingDocument } from '#domain/documents/incoming';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { ConflictError } from '#domain/errors';
import { printedIdentity, storedText } from '#domain/text';

/** Whether the duplicate warning takes two registrations for the same document (they share a key). */
const sameDocument = (a: Parameters<typeof duplicateKeys>[0], b: Parameters<typeof duplicateKeys>[0]) => duplicateKeys(a).some((key) => duplicateKeys(b).includes(key));

const issues = (input: unknown) => numberingConfigSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('register configuration (Art. 15.1.c: registers per type, as the head of the agency decides)', () => {
  it('accepts registers per type with a catch-all', () => {
    expect(
      issues({
        issuerAbbreviation: 'SNV',
        registers: [
          { id: 'qd', name: 'Sổ QĐ', typeNames: ['Quyết định'] },
          { id: 'general', name: 'Sổ chung', typeNames: ['*'] },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses what would print one number and notation twice or leave a type without a register', () => {
    expect(
      issues({
        issuerAbbreviation: 'SNV',
        registers: [
          { id: 'cv', name: 'Sổ CV', typeNames: ['Công văn'] },
          { id: 'general', name: 'Sổ chung', typeNames: ['*'] },
        ],
      }),
    ).toEqual([expect.stringContaining('registers: Công văn và Thư công có cùng dạng ký hiệu')]);
    expect(issues({ issuerAbbreviation: 'SNV', registers: [{ id: 'general', name: 'Sổ chung', typeNames: ['*', 'Bản sao y'] }] })).toEqual([
      expect.stringContaining('registers.0.typeNames.1: Bản sao y là bản sao'),
    ]);
    expect(issues({ issuerAbbreviation: 'SNV', registers: [{ id: 'qd', name: 'Sổ QĐ', typeNames: ['Quyết định'] }] })).toEqual([
      expect.stringContaining('registers: chưa có sổ nào đánh số: Nghị quyết'),
    ]);
    expect(issues({ issuerAbbreviation: 'SNV', registers: [{ id: 'secret', name: 'x', typeNames: ['*'] }] })[0]).toContain('registers.0.id');
    expect(issues({ issuerAbbreviation: 'snv', registers: [{ id: 'general', name: 'x', typeNames: ['*'] }] })[0]).toContain('issuerAbbreviation');
  });
});

describe('a register change never repeats a printed number', () => {
  const split = numberingConfigSchema.parse({
    issuerAbbreviation: 'SNV',
    registers: [
      { id: 'qd', name: 'Sổ QĐ', typeNames: ['Quyết định'] },
      { id: 'general', name: 'Sổ chung', typeNames: ['*'] },
    ],
  });
  const merged = numberingConfigSchema.parse({ issuerAbbreviation: 'SNV', registers: [{ id: 'general', name: 'Sổ chung', typeNames: ['*'] }] });

  it('starts a register unused this year after the highest number its notations printed, guarding every counter it rests on', () => {
    const plan = planNumberingChange(split, ['general'], [{ registerId: 'general', year: 2026, value: 9, lastByFamily: { QĐ: 7, TB: 9 } }], 2026);
    expect(plan.starts).toEqual([{ registerId: 'qd', year: 2026, after: 7, expectedValue: 0 }]);
    expect(plan.guards).toEqual([{ registerId: 'general', year: 2026, value: 9 }]);
  });

  it('guards registers that have no counter yet (an issue creating one in between fails the save), and on 31 December next year too', () => {
    const plan = planNumberingChange(split, ['general'], [], 2026, { lastDayOfYear: true });
    expect(plan.starts).toEqual([]);
    expect(plan.guards).toEqual([
      { registerId: 'general', year: 2026, value: 'absent' },
      { registerId: 'qd', year: 2026, value: 'absent' },
      { registerId: 'general', year: 2027, value: 'absent' },
      { registerId: 'qd', year: 2027, value: 'absent' },
    ]);
  });

  it('needs no start when nothing of the type was printed this year, or in another year', () => {
    expect(planNumberingChange(split, ['general'], [{ registerId: 'general', year: 2026, value: 9, lastByFamily: { TB: 9 } }], 2026).starts).toEqual([]);
    expect(planNumberingChange(split, ['general'], [{ registerId: 'general', year: 2025, value: 9, lastByFamily: { QĐ: 9 } }], 2026).starts).toEqual([]);
  });

  it('moves the start of a register started but not used yet, instead of refusing it', () => {
    const tb = numberingConfigSchema.parse({
      issuerAbbreviation: 'SNV',
      registers: [
        { id: 'qd', name: 'Sổ QĐ', typeNames: ['Thông báo'] },
        { id: 'general', name: 'Sổ chung', typeNames: ['*'] },
      ],
    });
    const counters: RegisterCounter[] = [
      { registerId: 'general', year: 2026, value: 10, lastByFamily: { QĐ: 4, TB: 10 } },
      { registerId: 'qd', year: 2026, value: 4, lastByFamily: {}, startedAfter: 4 },
    ];
    expect(planNumberingChange(tb, ['qd', 'general'], counters, 2026).starts).toEqual([{ registerId: 'qd', year: 2026, after: 10, expectedValue: 4 }]);
  });

  it('refuses a register that already numbered this year and runs below the highest number', () => {
    const counters: RegisterCounter[] = [
      { registerId: 'general', year: 2026, value: 4, lastByFamily: { TB: 4, QĐ: 2 } },
      { registerId: 'qd', year: 2026, value: 9, lastByFamily: { QĐ: 9 }, startedAfter: 2 },
    ];
    const error = (() => {
      try {
        planNumberingChange(merged, ['qd', 'general'], counters, 2026);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).errors).toEqual([{ path: 'body.registers.0.typeNames', message: expect.stringContaining('09/QĐ-SNV') }]);
  });

  it('lets a register that is ahead take the type back', () => {
    expect(
      planNumberingChange(
        merged,
        ['qd', 'general'],
        [
          { registerId: 'general', year: 2026, value: 12, lastByFamily: { TB: 12 } },
          { registerId: 'qd', year: 2026, value: 9, lastByFamily: { QĐ: 9 } },
        ],
        2026,
      ).starts,
    ).toEqual([]);
  });
});

describe('printed identity and the duplicate warning (issue 11 §4)', () => {
  it('treats 7 and 07, case, spacing, NFC/NFD and look-alike characters as the same', () => {
    const reference = printedIdentity('7', 'QĐ-BTC');
    for (const [number, notation] of [
      ['07', 'qđ-btc'],
      [' 7 ', 'QĐ - BTC'],
      ['7', 'QĐ-BTC'.normalize('NFD')],
      ['7', 'Q\u00D0-BTC'],
      ['7', 'QĐ\u2011BTC'],
      ['7\u200B', 'QĐ-\u200BBTC'],
      ['0007', 'QĐ\u2013BTC'],
      ['７', 'ＱĐ－ＢＴＣ'], // full-width
      ['7', 'QĐ-\u0412\u0422\u0421'], // Cyrillic В Т С
      ['7', 'QĐ-\u0392\u03A4C'], // Greek Β Τ
    ]) {
      expect(printedIdentity(number ?? '', notation ?? ''), `${number} ${notation}`).toBe(reference);
    }
  });

  it('keeps diacritics that make another notation: ĐA (Đề án) is not DA (Dự án), 70 is not 7', () => {
    expect(printedIdentity('1', 'ĐA-UBND')).not.toBe(printedIdentity('1', 'DA-UBND'));
    expect(printedIdentity('70', 'QĐ-BTC')).not.toBe(printedIdentity('7', 'QĐ-BTC'));
  });

  it('treats the same issuer, number, notation and year as one document despite spacing, case, zeros and diacritics', () => {
    const a = { issuer: { organName: 'Bộ Tài chính' }, codeNumber: '05', codeNotation: 'QĐ-BTC', promulgationDate: '2026-01-02' };
    const b = { issuer: { organName: 'bo tai  chinh' }, codeNumber: '5', codeNotation: 'qđ-btc', promulgationDate: '2026-12-31' };
    expect(sameDocument(a, b)).toBe(true);
  });

  it('tells documents of different years or numbers apart', () => {
    const base = { issuer: { organName: 'Bộ Tài chính' }, codeNumber: '5', codeNotation: 'QĐ-BTC', promulgationDate: '2026-01-02' };
    expect(sameDocument(base, { ...base, promulgationDate: '2025-01-02' })).toBe(false);
    expect(sameDocument(base, { ...base, codeNumber: '50' })).toBe(false);
  });

  it('warns on the same issuer by code in either notation, or by name without diacritics', () => {
    const base = { codeNumber: '07', codeNotation: 'QĐ-BTC', promulgationDate: '2026-03-01' };
    expect(
      sameDocument({ ...base, issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' } }, { ...base, codeNumber: '7', issuer: { organId: 'G12', organName: 'BTC' } }),
    ).toBe(true);
    expect(sameDocument({ ...base, issuer: { organName: 'Bộ Tài chính' } }, { ...base, codeNotation: 'Q\u00D0\u2011BTC', issuer: { organName: 'BO TAI CHINH' } })).toBe(true);
    // Typed from paper (a name) and received electronically (a code and the name): the same document.
    expect(sameDocument({ ...base, issuer: { organName: 'Bộ Tài chính' } }, { ...base, issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' } })).toBe(true);
    expect(
      sameDocument(
        { ...base, issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' } },
        { ...base, issuer: { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' } },
      ),
    ).toBe(false);
  });

  it('stores text as NFC without invisible characters', () => {
    const typed = 'Quye\u0302\u0301t  đi\u0323nh\u200b ';
    expect(storedText(typed)).toBe('Quyết định');
    expect(storedText(typed)).toBe(storedText(typed).normalize('NFC'));
  });
});

describe('register rows are the legal book', () => {
  it('writes Ngày chuyển as the Vietnam day, not the UTC one', () => {
    const document = {
      direction: 'incoming',
      organId: '000.00.91.H26',
      status: 'assigned',
      arrivalDate: '2026-03-02',
      arrivalNumber: 4,
      promulgationDate: '2026-03-01',
      secrecy: 'none',
      issuer: { organName: 'Bộ Tài chính' },
      codeNumber: '7',
      codeNotation: 'QĐ-BTC',
      typeName: 'Quyết định',
      subject: 'Thử',
      assignment: {
        lead: { kind: 'person', sub: 'a', name: 'Nguyễn A' },
        coordinators: [],
        forInformation: [],
        assignedAt: '2026-03-01T18:30:00Z',
        assignedBy: { sub: 'l', name: 'L' },
      },
    } as unknown as IncomingDocument;
    expect(registerRow(document, false)).toMatchObject({ 'Ngày đến': '02/03/2026', 'Ngày chuyển': '02/03/2026' });
  });

  it('shows Số lượng bản as the clerk set it, and the Độ mật column in the secret series', () => {
    const document = {
      direction: 'outgoing',
      secrecy: 'top-secret',
      status: 'issued',
      typeName: 'Quyết định',
      subject: 'Thử',
      recipients: [{ organId: '000.00.92.H26', organName: 'A' }],
      places: ['B', 'C'],
      issue: { codeNumber: '01', codeNotation: 'QĐ-SNV', issueDate: '2026-03-02' },
    } as unknown as OutgoingDocument;
    expect(registerRow(document, false)['Số lượng bản']).toBe('');
    expect(registerRow({ ...document, promulgationAmount: 12 }, true)).toMatchObject({ 'Số lượng bản': '12', 'Độ mật': 'Tuyệt mật' });
    expect(registerColumns('outgoing', true).at(-1)).toBe('Độ mật');
    expect(registerColumns('incoming', false)).not.toContain('Độ mật');
  });
});
