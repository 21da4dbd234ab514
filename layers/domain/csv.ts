/**
 * CSV for spreadsheet programs: UTF-8 with a byte-order mark (so Vietnamese shows correctly), CRLF line
 * ends, every field quoted, quotes doubled, and formula-leading characters neutralised (CSV injection).
 */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): string {
  const line = (values: readonly string[]) => values.map(quote).join(',');
  return `\uFEFF${[line(columns), ...rows.map((row) => line(columns.map((c) => row[c] ?? '')))].join('\r\n')}\r\n`;
}

function quote(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
