import { describe, expect, it } from 'vitest';
import { checkByteRange, endsAtRevision } from '#signature/byte-range';
import { Budget } from '#signature/limits';
import { pdfDate } from '#signature/pdf/dates';
import { PdfLexer } from '#signature/pdf/lexer';
import { dictOf, pdfDict, textOf, type PdfString, type PdfValue } from '#signature/pdf/objects';

const parse = (text: string): PdfValue => new PdfLexer(new Uint8Array(Buffer.from(text, 'latin1')), Budget.forMillis(1_000)).parseValue();

describe('PDF object syntax', () => {
  it('reads literal strings with escapes, octal codes, nested parentheses and line continuations', () => {
    // Act
    const value = parse('(a\\(b\\) (c) \\101\\0121\\\nz\\\\)');
    // Assess
    expect(Buffer.from((value as PdfString).bytes).toString('latin1')).toBe('a(b) (c) A\n1z\\');
  });

  it('reads hex strings with spaces and an odd final digit, remembering where they are', () => {
    // Act
    const value = parse('  <41 42 4>') as PdfString;
    // Assess
    expect([...value.bytes]).toEqual([0x41, 0x42, 0x40]);
    expect([value.start, value.end, value.hex]).toEqual([2, 11, true]);
  });

  it('decodes #-escapes in names and tells references from numbers', () => {
    // Act
    const value = parse('<< /A#20B 12 0 R /N [1 2 /R 3] /X -3.5 >>');
    // Assess
    const entries = dictOf(value)?.entries ?? new Map<string, PdfValue>();
    expect(entries.get('A B')).toEqual({ kind: 'ref', num: 12, gen: 0 });
    expect(entries.get('N')).toEqual({ kind: 'array', items: [1, 2, { kind: 'name', name: 'R' }, 3] });
    expect(entries.get('X')).toBe(-3.5);
  });

  it('reads UTF-16BE text strings', () => {
    // Act
    const text = textOf(parse('<FEFF00560103006E>'));
    // Assess
    expect(text).toBe('Văn');
  });

  it('rejects nesting beyond the limit instead of overflowing the stack', () => {
    // Act + Assess
    expect(() => parse('['.repeat(10_000))).toThrow('nested deeper than 128 levels');
  });
});

describe('PDF dates', () => {
  it('reads a date with a time-zone offset as UTC', () => {
    // Assess
    expect(pdfDate({ kind: 'string', bytes: Buffer.from("D:20190704135743+02'00'"), hex: false, start: -1, end: -1 })?.toISOString()).toBe('2019-07-04T11:57:43.000Z');
  });

  it('gives undefined for a date it cannot read', () => {
    // Assess
    expect(pdfDate({ kind: 'string', bytes: Buffer.from('yesterday'), hex: false, start: -1, end: -1 })).toBeUndefined();
  });
});

describe('ByteRange sanity', () => {
  // A miniature "file": 10 bytes, a 6-byte hex string at [10, 16), then "%%EOF\n".
  const file = new Uint8Array(Buffer.from('0123456789<abcd>%%EOF\n', 'latin1'));
  const contents: PdfString = { kind: 'string', bytes: Uint8Array.of(0xab, 0xcd), hex: true, start: 10, end: 16 };
  const dict = (range: number[]) => ({ ...pdfDict([['ByteRange', { kind: 'array', items: range }]]), start: 0, end: 17 });

  it('accepts one hole exactly around /Contents, ending at %%EOF', () => {
    // Act
    const check = checkByteRange(file, dict([0, 10, 16, 6]), contents);
    // Assess
    expect(check.problems).toEqual([]);
    expect(check.range).toMatchObject({ holeStart: 10, holeEnd: 16, end: 22 });
  });

  it.each([
    ['not starting at 0', [1, 9, 16, 6], 'does not start at byte 0'],
    ['overlapping ranges', [0, 17, 16, 6], 'overlap'],
    ['running past the file', [0, 10, 16, 60], 'past the end'],
    ['a hole that is not /Contents', [0, 9, 16, 6], 'is not this signature'],
    ['three ranges', [0, 10, 16, 6, 22, 0], 'instead of 4'],
    ['negative numbers', [0, 10, -16, 6], 'negative'],
  ])('rejects %s', (_name, range, problem) => {
    // Act
    const check = checkByteRange(file, dict(range), contents);
    // Assess
    expect(check.problems.join()).toContain(problem);
  });

  it('rejects signed bytes that stop short of a %%EOF', () => {
    // Act
    const check = checkByteRange(file, dict([0, 10, 16, 3]), contents);
    // Assess
    expect(check.problems).toEqual(['the signed bytes do not end at the end of a revision (%%EOF)']);
    expect(endsAtRevision(file, 22)).toBe(true);
  });
});
