import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDocumentId, parseDocumentId } from '#edxml/index';
import { isoTimestampToXml, readXmlDate, readXmlTimestamp, toVietnamIso } from '#edxml/values';

describe('DocumentId (OrganId,YYYY/MM/DD,Number/Notation)', () => {
  it('formats and parses the standard example', () => {
    // Prepare
    const parts = { organId: '000.00.00.G22', promulgationDate: '2015-09-30', number: '7816', notation: 'VPCP-TTĐT' };
    // Act
    const id = formatDocumentId(parts);
    const parsed = parseDocumentId(id);
    // Assess
    expect(id).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(parsed).toEqual({ success: true, data: parts });
  });

  it('keeps a notation that itself contains slashes', () => {
    // Act
    const parsed = parseDocumentId('000.00.00.H26,2026/01/05,15/QĐ-UBND/VP');
    // Assess
    expect(parsed).toEqual({ success: true, data: { organId: '000.00.00.H26', promulgationDate: '2026-01-05', number: '15', notation: 'QĐ-UBND/VP' } });
  });

  it.each([
    ['000.00.00.G22,2014/02/30,7806/VPCP-TTĐT', 'not a valid YYYY/MM/DD date'],
    ['000.00.01.H01,2018,10', 'not a valid YYYY/MM/DD date'],
    ['000.00.00.G22,2015/09/30,7816', 'is not Number/Notation'],
    ['000.00.00.G22;2015/09/30;7816/VP', 'got 1 comma-separated parts'],
    [',2015/09/30,1/VP', 'the OrganId part is empty'],
  ])('refuses %s with a reason', (input, reason) => {
    // Act
    const parsed = parseDocumentId(input);
    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.success ? '' : parsed.error).toContain(reason);
  });

  it('parse inverts format for any parts without commas', () => {
    fc.assert(
      fc.property(
        fc.record({
          organId: fc.stringMatching(/^[0-9.A-Z]{1,13}$/),
          promulgationDate: fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          number: fc.stringMatching(/^[0-9a-z]{1,11}$/),
          notation: fc.stringMatching(/^[A-ZĐƯ/-]{1,30}$/),
        }),
        (parts) => {
          // Act
          const parsed = parseDocumentId(formatDocumentId(parts));
          // Assess
          expect(parsed).toEqual({ success: true, data: parts });
        },
      ),
    );
  });
});

describe('dates and timestamps', () => {
  it('reads the standard date and flags other spellings it can still read', () => {
    // Act + Assess
    expect(readXmlDate('2019/01/16')).toEqual({ value: '2019-01-16', nonStandard: false });
    expect(readXmlDate('2019-01-16')).toEqual({ value: '2019-01-16', nonStandard: true });
    expect(readXmlDate('16/01/2019')).toEqual({ value: '2019-01-16', nonStandard: true });
    expect(readXmlDate('2019/1/6')).toEqual({ value: '2019-01-06', nonStandard: true });
    expect(readXmlDate('2019/02/29')).toEqual({ value: undefined, nonStandard: false });
    expect(readXmlDate('hôm qua').value).toBeUndefined();
  });

  it('reads timestamps as Vietnam time and writes any instant back as Vietnam wall time', () => {
    // Act + Assess
    expect(readXmlTimestamp('2018/09/28 00:00:00')).toEqual({ value: '2018-09-28T00:00:00+07:00', nonStandard: false });
    expect(readXmlTimestamp('28/09/2018 07:05:09')).toEqual({ value: '2018-09-28T07:05:09+07:00', nonStandard: true });
    expect(readXmlTimestamp('2018-09-27T17:00:00Z')).toEqual({ value: '2018-09-28T00:00:00+07:00', nonStandard: true });
    expect(readXmlTimestamp('2018/09/28 24:00:00').value).toBeUndefined();
    expect(isoTimestampToXml('2026-12-31T17:30:00Z')).toBe('2027/01/01 00:30:00');
    expect(toVietnamIso('2026-12-31T17:30:00.999Z')).toBe('2027-01-01T00:30:00+07:00');
  });

  it('timestamp write then read is the identity on Vietnam-time ISO values', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2999-01-01'), noInvalidDate: true }), (d) => {
        // Prepare
        const iso = toVietnamIso(d.toISOString());
        // Act
        const back = readXmlTimestamp(isoTimestampToXml(iso));
        // Assess
        expect(back).toEqual({ value: iso, nonStandard: false });
      }),
    );
  });
});
