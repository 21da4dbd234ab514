/**
 * The PDF object model (ISO 32000-1 §7.3) as plain immutable values. Positions (`start`/`end`) are byte
 * offsets in the file for objects read directly from it and -1 for objects read from a decoded object
 * stream: the ByteRange checks rely on the difference.
 */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfArray | PdfDict | PdfStream;

export interface PdfName {
  readonly kind: 'name';
  readonly name: string;
}

export interface PdfString {
  readonly kind: 'string';
  readonly bytes: Uint8Array;
  readonly hex: boolean;
  /** Offset of the opening `(` or `<`, -1 when not read from the file itself. */
  readonly start: number;
  /** Offset just after the closing `)` or `>`. */
  readonly end: number;
}

export interface PdfRef {
  readonly kind: 'ref';
  readonly num: number;
  readonly gen: number;
}

export interface PdfArray {
  readonly kind: 'array';
  readonly items: readonly PdfValue[];
}

export interface PdfDict {
  readonly kind: 'dict';
  readonly entries: ReadonlyMap<string, PdfValue>;
  readonly start: number;
  readonly end: number;
}

export interface PdfStream {
  readonly kind: 'stream';
  readonly dict: PdfDict;
  /** The encoded bytes between `stream` and `endstream`. */
  readonly raw: Uint8Array;
}

/** An indirect object as found at one place: in the file or inside an object stream. */
export interface PdfIndirect {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  /** File offset of `n g obj`, or -1 inside an object stream. */
  readonly start: number;
  readonly end: number;
}

export const pdfName = (name: string): PdfName => ({ kind: 'name', name });
export const pdfRef = (num: number, gen = 0): PdfRef => ({ kind: 'ref', num, gen });
export const pdfArray = (items: readonly PdfValue[]): PdfArray => ({ kind: 'array', items });
export const pdfDict = (entries: Iterable<readonly [string, PdfValue]>): PdfDict => ({ kind: 'dict', entries: new Map(entries), start: -1, end: -1 });
export const pdfString = (bytes: Uint8Array, hex = false): PdfString => ({ kind: 'string', bytes, hex, start: -1, end: -1 });

export function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === 'object' && value !== null && value.kind === 'dict';
}
export function isRef(value: PdfValue | undefined): value is PdfRef {
  return typeof value === 'object' && value !== null && value.kind === 'ref';
}
export function isArray(value: PdfValue | undefined): value is PdfArray {
  return typeof value === 'object' && value !== null && value.kind === 'array';
}
export function isStream(value: PdfValue | undefined): value is PdfStream {
  return typeof value === 'object' && value !== null && value.kind === 'stream';
}
export function isString(value: PdfValue | undefined): value is PdfString {
  return typeof value === 'object' && value !== null && value.kind === 'string';
}
export function nameOf(value: PdfValue | undefined): string | undefined {
  return typeof value === 'object' && value !== null && value.kind === 'name' ? value.name : undefined;
}
export function numberOf(value: PdfValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The dictionary of a dictionary or of a stream. */
export function dictOf(value: PdfValue | undefined): PdfDict | undefined {
  if (isDict(value)) return value;
  if (isStream(value)) return value.dict;
  return undefined;
}

/** Structural equality, ignoring where the values were read. */
export function pdfEquals(a: PdfValue, b: PdfValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'name':
      return a.name === (b as PdfName).name;
    case 'ref':
      return a.num === (b as PdfRef).num && a.gen === (b as PdfRef).gen;
    case 'string':
      return bytesEqual(a.bytes, (b as PdfString).bytes);
    case 'array': {
      const other = b as PdfArray;
      return a.items.length === other.items.length && a.items.every((item, i) => pdfEquals(item, other.items[i] ?? null));
    }
    case 'dict':
      return dictEquals(a, b as PdfDict);
    case 'stream':
      return dictEquals(a.dict, (b as PdfStream).dict) && bytesEqual(a.raw, (b as PdfStream).raw);
  }
}

/** Keys whose values differ between two dictionaries (present in one only counts as different). */
export function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  return [...keys].filter((key) => !pdfEquals(a.entries.get(key) ?? null, b.entries.get(key) ?? null));
}

function dictEquals(a: PdfDict, b: PdfDict): boolean {
  return changedKeys(a, b).length === 0;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Text of a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding read as Latin-1). */
export function textOf(value: PdfValue | undefined): string | undefined {
  if (!isString(value)) return undefined;
  const bytes = value.bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    return Buffer.from(body).swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.subarray(3)).toString('utf8');
  return Buffer.from(bytes).toString('latin1');
}

/** The items of an array of numbers, or undefined when it is not one. */
export function numbersOf(value: PdfValue | undefined): number[] | undefined {
  if (!isArray(value)) return undefined;
  const numbers = value.items.filter((item): item is number => typeof item === 'number');
  return numbers.length === value.items.length ? numbers : undefined;
}
