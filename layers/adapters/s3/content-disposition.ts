/**
 * The Content-Disposition of a download under the file's original name (RFC 6266): an ASCII `filename`
 * for old clients and an RFC 5987 `filename*` in UTF-8, which every current browser prefers, so
 * "Quyết định số 15.pdf" keeps its diacritics when saved.
 *
 * @example
 * attachmentDisposition('Quyết định số 15.pdf')
 * // `attachment; filename="Quyet dinh so 15.pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2015.pdf`
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** RFC 5987 `value-chars`: UTF-8 percent-encoded; encodeURIComponent spares ' ( ) *, which are not attr-char. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Vietnamese letters without their marks (đ → d); anything else outside printable ASCII, quotes and `%` (which some clients decode) → `_`. */
function asciiFallback(fileName: string): string {
  const folded = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  return folded.replace(/[^\x20-\x7e]|["\\%]/g, '_');
}
