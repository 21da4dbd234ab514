/**
 * Vietnamese text folding for search: lower case, tone and vowel marks removed, đ → d, spaces collapsed.
 * "Quyết định" and "quyet dinh" fold to the same string, so either finds the other.
 *
 * @example
 * foldVietnamese('Quyết định số 15/QĐ-UBND') // 'quyet dinh so 15/qd-ubnd'
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
