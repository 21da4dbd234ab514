import { LimitExceededError, PdfSyntaxError } from '../errors.ts';
import { MAX_NESTING, type Budget } from '../limits.ts';
import type { PdfDict, PdfValue } from './objects.ts';

/**
 * A PDF token reader and value parser over a byte buffer (ISO 32000-1 §7.2–7.3). It never reads past the
 * buffer, bounds nesting, and reports positions relative to `base` (the buffer's offset in the file) or
 * -1 when the buffer is a decoded stream that has no place in the file.
 */
export class PdfLexer {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    private readonly budget: Budget,
    start = 0,
    private readonly base: number | undefined = 0,
  ) {
    this.pos = start;
  }

  /** Parses one value; `depth` guards against hostile nesting. */
  parseValue(depth = 0): PdfValue {
    if (depth > MAX_NESTING) throw new LimitExceededError('depth', `objects nested deeper than ${MAX_NESTING} levels`);
    this.budget.check();
    this.skipSpace();
    const c = this.bytes[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of data', this.at(this.pos));
    if (c === SLASH) return { kind: 'name', name: this.readName() };
    if (c === LPAREN) return this.readLiteralString();
    if (c === LT) return this.bytes[this.pos + 1] === LT ? this.readDict(depth) : this.readHexString();
    if (c === LBRACKET) return this.readArray(depth);
    const start = this.pos;
    const token = this.readToken();
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (NUMBER.test(token)) return this.numberOrRef(token);
    throw new PdfSyntaxError(`unexpected token "${token.slice(0, 20)}"`, this.at(start));
  }

  /** Reads a run of regular characters (a keyword or number); empty at a delimiter. */
  readToken(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.bytes.length && !isSpace(this.bytes[this.pos]) && !isDelimiter(this.bytes[this.pos])) this.pos += 1;
    if (this.pos === start && this.pos < this.bytes.length) this.pos += 1;
    return latin1(this.bytes, start, this.pos);
  }

  /** Looks at the next token without consuming it. */
  peekToken(): string {
    const saved = this.pos;
    const token = this.readToken();
    this.pos = saved;
    return token;
  }

  readInteger(): number {
    const start = this.pos;
    const token = this.readToken();
    if (!/^\d{1,15}$/.test(token)) throw new PdfSyntaxError(`expected an integer, found "${token.slice(0, 20)}"`, this.at(start));
    return Number(token);
  }

  skipSpace(): void {
    const bytes = this.bytes;
    while (this.pos < bytes.length) {
      const c = bytes[this.pos];
      if (isSpace(c)) this.pos += 1;
      else if (c === PERCENT) {
        while (this.pos < bytes.length && bytes[this.pos] !== LF && bytes[this.pos] !== CR) this.pos += 1;
      } else return;
    }
  }

  /** File offset of a buffer position, or -1 for buffers outside the file. */
  at(position: number): number {
    return this.base === undefined ? -1 : this.base + position;
  }

  private numberOrRef(token: string): PdfValue {
    const value = Number(token);
    if (!/^\d+$/.test(token)) return value;
    const saved = this.pos;
    const gen = this.readToken();
    if (/^\d+$/.test(gen) && this.readToken() === 'R') return { kind: 'ref', num: value, gen: Number(gen) };
    this.pos = saved;
    return value;
  }

  private readName(): string {
    this.pos += 1;
    const start = this.pos;
    while (this.pos < this.bytes.length && !isSpace(this.bytes[this.pos]) && !isDelimiter(this.bytes[this.pos])) this.pos += 1;
    const raw = latin1(this.bytes, start, this.pos);
    return raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
  }

  private readArray(depth: number): PdfValue {
    this.pos += 1;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.bytes[this.pos];
      if (c === undefined) throw new PdfSyntaxError('unterminated array', this.at(this.pos));
      if (c === RBRACKET) {
        this.pos += 1;
        return { kind: 'array', items };
      }
      items.push(this.parseValue(depth + 1));
    }
  }

  private readDict(depth: number): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      const c = this.bytes[this.pos];
      if (c === undefined) throw new PdfSyntaxError('unterminated dictionary', this.at(start));
      if (c === GT && this.bytes[this.pos + 1] === GT) {
        this.pos += 2;
        return { kind: 'dict', entries, start: this.at(start), end: this.at(this.pos) };
      }
      if (c !== SLASH) throw new PdfSyntaxError('dictionary key is not a name', this.at(this.pos));
      const key = this.readName();
      entries.set(key, this.parseValue(depth + 1));
    }
  }

  private readHexString(): PdfValue {
    const start = this.pos;
    this.pos += 1;
    const out: number[] = [];
    let high = -1;
    for (;;) {
      const c = this.bytes[this.pos];
      if (c === undefined) throw new PdfSyntaxError('unterminated hex string', this.at(start));
      this.pos += 1;
      if (c === GT) break;
      if (isSpace(c)) continue;
      const nibble = hexValue(c);
      if (nibble < 0) throw new PdfSyntaxError('bad character in hex string', this.at(this.pos - 1));
      if (high < 0) high = nibble;
      else {
        out.push((high << 4) | nibble);
        high = -1;
      }
    }
    if (high >= 0) out.push(high << 4);
    return { kind: 'string', bytes: Uint8Array.from(out), hex: true, start: this.at(start), end: this.at(this.pos) };
  }

  private readLiteralString(): PdfValue {
    const start = this.pos;
    this.pos += 1;
    const out: number[] = [];
    let nesting = 1;
    for (;;) {
      const c = this.bytes[this.pos];
      if (c === undefined) throw new PdfSyntaxError('unterminated literal string', this.at(start));
      this.pos += 1;
      if (c === BACKSLASH) {
        this.readEscape(out);
        continue;
      }
      if (c === LPAREN) nesting += 1;
      if (c === RPAREN) {
        nesting -= 1;
        if (nesting === 0) break;
      }
      out.push(c);
    }
    return { kind: 'string', bytes: Uint8Array.from(out), hex: false, start: this.at(start), end: this.at(this.pos) };
  }

  private readEscape(out: number[]): void {
    const c = this.bytes[this.pos];
    if (c === undefined) return;
    this.pos += 1;
    const simple = ESCAPES.get(c);
    if (simple !== undefined) return void out.push(simple);
    if (c === CR) {
      if (this.bytes[this.pos] === LF) this.pos += 1;
      return;
    }
    if (c === LF) return;
    if (c >= 0x30 && c <= 0x37) {
      let value = c - 0x30;
      for (let i = 0; i < 2; i += 1) {
        const d = this.bytes[this.pos];
        if (d === undefined || d < 0x30 || d > 0x37) break;
        value = value * 8 + (d - 0x30);
        this.pos += 1;
      }
      return void out.push(value & 0xff);
    }
    out.push(c);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const [LF, CR, PERCENT, SLASH, LPAREN, RPAREN, LT, GT, LBRACKET, RBRACKET, BACKSLASH] = [0x0a, 0x0d, 0x25, 0x2f, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x5c];
const ESCAPES = new Map<number, number>([
  [0x6e, LF],
  [0x72, CR],
  [0x74, 0x09],
  [0x62, 0x08],
  [0x66, 0x0c],
  [LPAREN, LPAREN],
  [RPAREN, RPAREN],
  [BACKSLASH, BACKSLASH],
]);

export function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

export function isDelimiter(c: number | undefined): boolean {
  return c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

/** Offset of the last occurrence of `needle` starting before `before`, or -1. */
export function lastIndexOf(bytes: Uint8Array, needle: string, before: number, notBefore = 0): number {
  if (before - needle.length < 0) return -1;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const found = buffer.lastIndexOf(needle, before - needle.length, 'latin1');
  return found >= notBefore ? found : -1;
}

/** Offset of the first occurrence of `needle` at or after `from`, or -1. */
export function indexOf(bytes: Uint8Array, needle: string, from: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return buffer.indexOf(needle, from, 'latin1');
}
