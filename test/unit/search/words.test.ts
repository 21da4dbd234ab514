import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentWords } from '#domain/documents/search-text';
import { matchesWords, searchWords, wordsOf } from '#domain/search/words';
import { main } from '#infra/cli/main';

describe('wordsOf: Vietnamese syllables, folded', () => {
  it('folds diacritics and đ, cuts at every non-letter, keeps each word once', () => {
    expect(wordsOf('Quyết định 15/QĐ-UBND về quyết toán')).toEqual(['quyet', 'dinh', '15', 'qd', 'ubnd', 've', 'toan']);
    expect(wordsOf('Ủy ban nhân dân 000.00.00.H26')).toEqual(['uy', 'ban', 'nhan', 'dan', '000', '00', 'h26']);
    expect(wordsOf('Quyê\u0301t  đi\u0323nh')).toEqual(['quyet', 'dinh']);
  });

  it('reads the same words from text with and without diacritics (property)', () => {
    const syllables = ['Quyết', 'định', 'Đường', 'phố', 'Hà', 'Nội', 'thưởng', 'ngân', 'sách', 'Ủy', 'ban'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 8 }), (words) => {
        const text = words.join(' ');
        const plain = text
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd')
          .replace(/Đ/g, 'D');
        expect(wordsOf(plain)).toEqual(wordsOf(text));
      }),
    );
  });
});

describe('searchWords and matchesWords', () => {
  const entry = new Set(wordsOf('Kế hoạch phòng chống thiên tai 15/QĐ-UBND'));

  it('takes every word whole but the last, which may be unfinished', () => {
    expect(searchWords('ke hoach phong ch')).toEqual({ whole: ['ke', 'hoach', 'phong'], prefix: 'ch' });
    expect(searchWords(' -- / ')).toBeUndefined();
    expect(searchWords('so 1 so')).toEqual({ whole: ['so', '1'], prefix: 'so' });
  });

  it.each([
    ['ke hoach', true],
    ['thien tai ke hoach', true],
    ['qd-ubnd 15', true],
    ['15/QĐ-UBND', true],
    ['phong ch', true],
    ['thie', true],
    ['ke hoach ngan sach', false],
    ['ch phong', false], // only the last word is a prefix
    ['khong', false],
  ])('%s → %s', (q, expected) => {
    expect(matchesWords(entry, searchWords(q) ?? { whole: [] })).toBe(expected);
  });

  it('finds an incoming document by its issuer code in both notations', () => {
    const document = {
      direction: 'incoming',
      typeName: 'Công văn',
      subject: 'Về việc phối hợp',
      codeNumber: '7',
      codeNotation: 'UBND-VP',
      issuer: { organId: '000.00.00.H26', organName: 'UBND thành phố Hà Nội' },
    };
    const words = new Set(documentWords(document as never));
    expect(matchesWords(words, searchWords('000.00.00.H26') ?? { whole: [] })).toBe(true);
    expect(matchesWords(words, searchWords('ha noi h26') ?? { whole: [] })).toBe(true);
  });
});

describe('vanthu search-index: usage errors change nothing and exit 2', () => {
  it.each([[['rebuild']], [['rebuild', '--agency', 'not-a-code']], [['rebuild', '--all', '--directory']], [['index', '--all']], [['rebuild', '--bogus']]])('%j', async (args) => {
    const err: string[] = [];
    const code = await main(['search-index', ...args], { stdout: () => undefined, stderr: (text) => err.push(text) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('usage: vanthu search-index rebuild');
  });
});
