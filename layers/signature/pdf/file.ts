import { PdfSyntaxError } from '../errors.ts';
import type { Budget } from '../limits.ts';
import { decodeStream } from './filters.ts';
import { PdfLexer, indexOf, isSpace } from './lexer.ts';
import { isDict, nameOf, numberOf, type PdfIndirect, type PdfStream, type PdfValue } from './objects.ts';

/** Resolves an indirect `/Length` while a stream is being read. */
export type LengthResolver = (value: PdfValue) => number | undefined;

/**
 * The physical layer: reads the indirect object written at a byte offset, or the i-th object of an
 * object stream. Results are cached by position because bytes at a position never change; which object
 * a number *means* depends on the revision and is decided in ./revision.ts.
 */
export class PdfFile {
  private readonly objects = new Map<number, PdfIndirect>();
  private readonly objectStreams = new Map<PdfStream, ObjectStreamIndex>();

  constructor(
    readonly bytes: Uint8Array,
    readonly budget: Budget,
  ) {}

  /** Reads `n g obj … endobj` at `offset`. */
  readObjectAt(offset: number, resolveLength: LengthResolver): PdfIndirect {
    const cached = this.objects.get(offset);
    if (cached !== undefined) return cached;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.bytes.length) throw new PdfSyntaxError('object offset outside the file', offset);
    const lexer = new PdfLexer(this.bytes, this.budget, offset);
    lexer.skipSpace();
    const start = lexer.pos;
    const num = lexer.readInteger();
    const gen = lexer.readInteger();
    if (lexer.readToken() !== 'obj') throw new PdfSyntaxError('expected "obj"', start);
    let value = lexer.parseValue();
    if (isDict(value) && lexer.peekToken() === 'stream') {
      lexer.readToken();
      value = { kind: 'stream', dict: value, raw: this.readStreamData(lexer, value.entries.get('Length'), resolveLength) };
    }
    if (lexer.peekToken() === 'endobj') lexer.readToken();
    const object: PdfIndirect = { num, gen, value, start, end: lexer.pos };
    this.objects.set(offset, object);
    return object;
  }

  /** Reads object `index` of an object stream (ISO 32000-1 §7.5.7). */
  readFromObjectStream(stream: PdfStream, index: number): PdfIndirect {
    const parsed = this.indexObjectStream(stream);
    const entry = parsed.entries[index];
    if (entry === undefined) throw new PdfSyntaxError(`object stream has no entry ${index}`);
    const lexer = new PdfLexer(parsed.data, this.budget, parsed.first + entry.offset, undefined);
    return { num: entry.num, gen: 0, value: lexer.parseValue(), start: -1, end: -1 };
  }

  private indexObjectStream(stream: PdfStream): ObjectStreamIndex {
    const cached = this.objectStreams.get(stream);
    if (cached !== undefined) return cached;
    if (nameOf(stream.dict.entries.get('Type')) !== 'ObjStm') throw new PdfSyntaxError('compressed object points to a stream that is not /ObjStm');
    const count = numberOf(stream.dict.entries.get('N')) ?? -1;
    const first = numberOf(stream.dict.entries.get('First')) ?? -1;
    const data = decodeStream(stream);
    if (!Number.isInteger(count) || count < 0 || count > data.length || !Number.isInteger(first) || first < 0 || first > data.length) {
      throw new PdfSyntaxError('object stream with bad /N or /First');
    }
    const lexer = new PdfLexer(data, this.budget, 0, undefined);
    const entries: { num: number; offset: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      this.budget.check();
      entries.push({ num: lexer.readInteger(), offset: lexer.readInteger() });
    }
    const index = { data, first, entries };
    this.objectStreams.set(stream, index);
    return index;
  }

  /** Stream data follows `stream` and one EOL; /Length is trusted only when `endstream` follows it. */
  private readStreamData(lexer: PdfLexer, length: PdfValue | undefined, resolveLength: LengthResolver): Uint8Array {
    const bytes = this.bytes;
    let start = lexer.pos;
    if (bytes[start] === 0x0d) start += 1;
    if (bytes[start] === 0x0a) start += 1;
    const declared = length === undefined ? undefined : resolveLength(length);
    if (declared !== undefined && Number.isSafeInteger(declared) && declared >= 0 && start + declared <= bytes.length) {
      const after = new PdfLexer(bytes, this.budget, start + declared);
      if (after.peekToken() === 'endstream') {
        lexer.pos = start + declared;
        lexer.readToken();
        return bytes.subarray(start, start + declared);
      }
    }
    const end = indexOf(bytes, 'endstream', start);
    if (end < 0) throw new PdfSyntaxError('stream without endstream', start);
    let dataEnd = end;
    if (dataEnd > start && bytes[dataEnd - 1] === 0x0a) dataEnd -= 1;
    if (dataEnd > start && bytes[dataEnd - 1] === 0x0d) dataEnd -= 1;
    lexer.pos = end + 'endstream'.length;
    return bytes.subarray(start, dataEnd);
  }
}

interface ObjectStreamIndex {
  readonly data: Uint8Array;
  readonly first: number;
  readonly entries: readonly { num: number; offset: number }[];
}

/** Offsets just past every `%%EOF` marker and its end-of-line: the candidate ends of revisions. */
export function revisionEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  for (let at = indexOf(bytes, '%%EOF', 0); at >= 0; at = indexOf(bytes, '%%EOF', at + 5)) {
    let end = at + 5;
    if (bytes[end] === 0x0d) end += 1;
    if (bytes[end] === 0x0a) end += 1;
    ends.push(end);
  }
  return ends;
}

/** True when only whitespace lies in [from, to). */
export function onlySpace(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (!isSpace(bytes[i])) return false;
  return true;
}
