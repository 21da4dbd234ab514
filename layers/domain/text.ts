/**
 * Vietnamese text folding for search: lower case, tone and vowel marks removed, đ → d, spaces collapsed.
 * "Quyết định" and "quyet dinh" fold to the same string, so either finds the other. Look-alike characters
 * (see `unifyLookAlikes`) fold like the letters they imitate.
 *
 * @example
 * foldVietnamese('Quyết định số 15/QĐ-UBND') // 'quyet dinh so 15/qd-ubnd'
 */
export function foldVietnamese(text: string): string {
  return unifyLookAlikes(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Text as vanthu stores it: Unicode NFC (one code point per Vietnamese letter, whatever the keyboard or
 * the sender's system produced), invisible characters removed, white space collapsed and trimmed.
 *
 * @example
 * storedText('Quyê\u0301t  đi\u0323nh\u200b') // 'Quyết định'
 */
export function storedText(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Like storedText, but line breaks are kept (notes, reasons). */
export function storedParagraph(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC').trim();
}

/**
 * The printed identity of a number and notation (số, ký hiệu) for comparisons: `7` and `07`, case,
 * spacing, NFC/NFD, look-alike letters (`Ð` U+00D0 for `Đ`), dashes (non-breaking hyphen, en dash, minus)
 * and invisible characters make no difference. Diacritics do: `ĐA` (Đề án) and `DA` (Dự án) are different
 * notations.
 *
 * @example
 * printedIdentity('07', 'qđ\u2011snv') === printedIdentity('7', 'QĐ-SNV') // true
 */
export function printedIdentity(codeNumber: string, codeNotation: string): string {
  const number = comparable(codeNumber).replace(/^0+(?=\d)/, '');
  return `${number}/${comparable(codeNotation)}`;
}

/** Look-alike characters replaced by the characters a reader takes them for. */
export function unifyLookAlikes(text: string): string {
  return text.replace(INVISIBLE, '').replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c);
}

/**
 * Upper case, look-alikes unified, no white space: NFKC first (full-width `Ｑ`, ligatures, compatibility
 * forms become plain letters), then the dashes, eth and invisible characters of LOOK_ALIKES, then Cyrillic
 * and Greek letters that print like Latin ones (`ВС` Cyrillic for `BC`), then NFC for Vietnamese letters.
 */
function comparable(text: string): string {
  const unified = unifyLookAlikes(text.normalize('NFKC')).replace(SCRIPT_LOOK_ALIKE, (c) => SCRIPT_LOOK_ALIKES[c] ?? c);
  return unified.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

/** Zero-width space, non-joiner and joiner (U+200B–U+200D), word joiner, soft hyphen, byte-order mark: each removed on its own. */
const INVISIBLE = /[\u200B-\u200D\u2060\u00AD\uFEFF]/g;

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '\u00D0': 'Đ', // Ð Latin capital eth
  '\u0189': 'Đ', // Ɖ Latin capital African D
  '\u00F0': 'đ', // ð Latin small eth
  '\u0256': 'đ', // ɖ
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2212': '-', // minus sign
  '\uFE63': '-', // small hyphen-minus
  '\uFF0D': '-', // full-width hyphen-minus
  '\u2044': '/', // fraction slash
  '\u2215': '/', // division slash
  '\uFF0F': '/', // full-width solidus
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** Cyrillic and Greek letters a reader cannot tell from Latin ones in a printed number and notation. */
const SCRIPT_LOOK_ALIKES: Readonly<Record<string, string>> = Object.fromEntries([
  ...[...'АВСЕНІЈКМОРЅТХУ'].map((c, i) => [c, 'ABCEHIJKMOPSTXY'[i] ?? c]),
  ...[...'аеіјорѕсху'].map((c, i) => [c, 'aeijopscxy'[i] ?? c]),
  ...[...'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ'].map((c, i) => [c, 'ABEZHIKMNOPTYX'[i] ?? c]),
  ...[...'ο'].map((c) => [c, 'o']),
]);
const SCRIPT_LOOK_ALIKE = new RegExp(`[${Object.keys(SCRIPT_LOOK_ALIKES).join('')}]`, 'g');
