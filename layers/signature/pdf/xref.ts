import { LimitExceededError, PdfSyntaxError } from '../errors.ts';
import { MAX_OBJECT_NUMBER } from '../limits.ts';
import type { LengthResolver, PdfFile } from './file.ts';
import { decodeStream } from './filters.ts';
import { PdfLexer } from './lexer.ts';
import { isDict, isStream, nameOf, numberOf, numbersOf, type PdfDict } from './objects.ts';

export type XrefEntry =
  | { readonly type: 'free' }
  | { readonly type: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number };

/** One cross-reference section with its trailer: a classic table or an xref stream (§7.5.4, §7.5.8). */
export interface XrefSection {
  readonly offset: number;
  readonly entries: ReadonlyMap<number, XrefEntry>;
  readonly trailer: PdfDict;
}

/** Reads the section at `offset`; entries of the same number keep their first occurrence. */
export function readXrefSection(file: PdfFile, offset: number, resolveLength: LengthResolver): XrefSection {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= file.bytes.length) throw new PdfSyntaxError('startxref/Prev points outside the file', offset);
  const lexer = new PdfLexer(file.bytes, file.budget, offset);
  if (lexer.peekToken() === 'xref') {
    lexer.readToken();
    return readTable(file, lexer, offset);
  }
  return readStream(file, offset, resolveLength);
}

function readTable(file: PdfFile, lexer: PdfLexer, offset: number): XrefSection {
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    file.budget.check();
    if (lexer.peekToken() === 'trailer') break;
    const first = lexer.readInteger();
    const count = lexer.readInteger();
    // Each entry takes at least 18 bytes: a count beyond what is left is a lie, not a reason to loop.
    if (first + count > MAX_OBJECT_NUMBER || count * 18 > file.bytes.length - lexer.pos) throw new PdfSyntaxError('xref subsection larger than the file', lexer.pos);
    for (let i = 0; i < count; i += 1) {
      file.budget.check();
      const at = lexer.readInteger();
      const gen = lexer.readInteger();
      const kind = lexer.readToken();
      if (kind !== 'n' && kind !== 'f') throw new PdfSyntaxError('xref entry is neither n nor f', lexer.pos);
      if (!entries.has(first + i)) entries.set(first + i, kind === 'n' ? { type: 'offset', offset: at, gen } : { type: 'free' });
    }
  }
  lexer.readToken();
  const trailer = lexer.parseValue();
  if (!isDict(trailer)) throw new PdfSyntaxError('trailer is not a dictionary', lexer.pos);
  return { offset, entries, trailer };
}

function readStream(file: PdfFile, offset: number, resolveLength: LengthResolver): XrefSection {
  const object = file.readObjectAt(offset, resolveLength);
  const stream = object.value;
  if (!isStream(stream) || nameOf(stream.dict.entries.get('Type')) !== 'XRef') throw new PdfSyntaxError('startxref does not point to xref or an xref stream', offset);
  const dict = stream.dict;
  const widths = numbersOf(dict.entries.get('W')) ?? [];
  const [w0, w1, w2] = widths;
  if (widths.length !== 3 || w0 === undefined || w1 === undefined || w2 === undefined || widths.some((w) => !Number.isInteger(w) || w < 0 || w > 8)) {
    throw new PdfSyntaxError('xref stream with bad /W', offset);
  }
  const size = numberOf(dict.entries.get('Size')) ?? 0;
  const index = dict.entries.has('Index') ? (numbersOf(dict.entries.get('Index')) ?? []) : [0, size];
  const data = decodeStream(stream);
  const rowLength = w0 + w1 + w2;
  if (rowLength === 0) throw new PdfSyntaxError('xref stream with zero-width rows', offset);
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    const first = index[i] ?? -1;
    const count = index[i + 1] ?? -1;
    if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 0 || first + count > MAX_OBJECT_NUMBER) {
      throw new PdfSyntaxError('xref stream with bad /Index', offset);
    }
    if ((row + count) * rowLength > data.length) throw new LimitExceededError('count', 'xref stream declares more entries than it holds');
    for (let n = 0; n < count; n += 1, row += 1) {
      file.budget.check();
      const at = row * rowLength;
      const type = w0 === 0 ? 1 : field(data, at, w0);
      const a = field(data, at + w0, w1);
      const b = field(data, at + w0 + w1, w2);
      if (entries.has(first + n)) continue;
      if (type === 1) entries.set(first + n, { type: 'offset', offset: a, gen: b });
      else if (type === 2) entries.set(first + n, { type: 'compressed', stream: a, index: b });
      else entries.set(first + n, { type: 'free' });
    }
  }
  return { offset, entries, trailer: dict };
}

function field(data: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i += 1) value = value * 256 + (data[at + i] ?? 0);
  return value;
}
