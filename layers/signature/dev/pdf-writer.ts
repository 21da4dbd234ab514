import { Budget } from '../limits.ts';
import { numberOf, type PdfValue } from '../pdf/objects.ts';
import { PdfRevision } from '../pdf/revision.ts';

/**
 * Writes PDF objects and incremental updates (ISO 32000-1 §7.5.6): new and changed objects are appended
 * after the last `%%EOF` with their own cross-reference table whose trailer points back with /Prev, so
 * every earlier byte — and every earlier signature — stays exactly as it was.
 *
 * @example
 * const updated = appendIncrementalUpdate(pdf, new Map([[4, contentStream]]));
 */
export function appendIncrementalUpdate(pdf: Uint8Array, objects: ReadonlyMap<number, PdfValue>, trailerOverrides: ReadonlyMap<string, PdfValue> = new Map()): Uint8Array {
  const previous = PdfRevision.open(pdf, pdf.length, Budget.forMillis(10_000));
  const parts: Buffer[] = [Buffer.from(pdf)];
  let length = pdf.length;
  const push = (chunk: Buffer | string): void => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push('\n');
  const offsets = new Map<number, number>();
  for (const [num, value] of [...objects].sort(([a], [b]) => a - b)) {
    offsets.set(num, length);
    push(`${num} 0 obj\n`);
    push(serialize(value));
    push('\nendobj\n');
  }
  const xrefAt = length;
  push(xrefTable(offsets));
  const size = Math.max(numberOf(previous.trailer.entries.get('Size')) ?? 0, ...[...objects.keys()].map((n) => n + 1));
  const trailer = new Map<string, PdfValue>([
    ['Size', size],
    ['Prev', previous.startxref],
  ]);
  for (const key of ['Root', 'Info', 'ID']) {
    const value = previous.trailer.entries.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  for (const [key, value] of trailerOverrides) trailer.set(key, value);
  push(`trailer\n${serialize({ kind: 'dict', entries: trailer, start: -1, end: -1 })}\nstartxref\n${xrefAt}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** Writes a complete single-revision PDF from numbered objects (object 1.. in order). */
export function writePdf(objects: ReadonlyMap<number, PdfValue>, root: number): Uint8Array {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = new Map<number, number>();
  for (const [num, value] of [...objects].sort(([a], [b]) => a - b)) {
    offsets.set(num, Buffer.byteLength(out, 'latin1'));
    out += `${num} 0 obj\n${serialize(value).toString('latin1')}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 1\n0000000000 65535 f\r\n${xrefTable(offsets)
    .toString('latin1')
    .replace(/^xref\n/, '')}`;
  out += `trailer\n<< /Size ${Math.max(...offsets.keys()) + 1} /Root ${root} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** The PDF syntax of a value. Streams get a fresh /Length; strings are written as hex when not plain ASCII. */
export function serialize(value: PdfValue): Buffer {
  if (value === null) return Buffer.from('null');
  if (typeof value === 'boolean') return Buffer.from(String(value));
  if (typeof value === 'number') return Buffer.from(Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6))));
  switch (value.kind) {
    case 'name':
      return Buffer.from(`/${value.name.replace(/[^!-~]|[()<>[\]{}/%#]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`, 'latin1');
    case 'ref':
      return Buffer.from(`${value.num} ${value.gen} R`);
    case 'string':
      return value.hex || value.bytes.some((b) => b < 0x20 || b > 0x7e)
        ? Buffer.from(`<${Buffer.from(value.bytes).toString('hex')}>`)
        : Buffer.from(
            `(${Buffer.from(value.bytes)
              .toString('latin1')
              .replace(/[()\\]/g, '\\$&')})`,
            'latin1',
          );
    case 'array':
      return Buffer.concat([Buffer.from('['), ...value.items.flatMap((item, i) => (i === 0 ? [serialize(item)] : [Buffer.from(' '), serialize(item)])), Buffer.from(']')]);
    case 'dict':
      return Buffer.concat([
        Buffer.from('<<'),
        ...[...value.entries].flatMap(([key, item]) => [serialize({ kind: 'name', name: key }), Buffer.from(' '), serialize(item), Buffer.from(' ')]),
        Buffer.from('>>'),
      ]);
    case 'stream': {
      const entries = new Map(value.dict.entries);
      entries.set('Length', value.raw.length);
      return Buffer.concat([serialize({ kind: 'dict', entries, start: -1, end: -1 }), Buffer.from('\nstream\n'), Buffer.from(value.raw), Buffer.from('\nendstream')]);
    }
  }
}

function xrefTable(offsets: ReadonlyMap<number, number>): Buffer {
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j += 1;
    out += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k += 1) out += `${String(offsets.get(numbers[k] ?? 0) ?? 0).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  return Buffer.from(out, 'latin1');
}
