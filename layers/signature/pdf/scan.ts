import { LimitExceededError, PdfSyntaxError } from '../errors.ts';
import type { Budget } from '../limits.ts';
import { PdfFile } from './file.ts';
import { PdfLexer, indexOf, isSpace, lastIndexOf } from './lexer.ts';
import { isDict, isRef, isStream, nameOf, type PdfDict, type PdfIndirect, type PdfValue } from './objects.ts';
import type { XrefEntry } from './xref.ts';

/** An object header `n g obj` found by scanning the bytes, not through a cross-reference table. */
export interface ScannedObject {
  readonly num: number;
  readonly offset: number;
}

/**
 * Every `n g obj` header in the bytes from `from` on, in file order. Used to rebuild a damaged file and
 * to find objects appended after signing that no cross-reference section lists (incremental saving
 * attacks aimed at viewers that repair files).
 */
export function scanObjectHeaders(bytes: Uint8Array, budget: Budget, from = 0): ScannedObject[] {
  const found: ScannedObject[] = [];
  for (let at = indexOf(bytes, 'obj', from); at >= 0; at = indexOf(bytes, 'obj', at + 3)) {
    budget.check();
    const next = bytes[at + 3];
    if (next !== undefined && !isSpace(next) && next !== 0x3c && next !== 0x5b && next !== 0x2f && next !== 0x25) continue;
    let p = at - 1;
    if (!isSpace(bytes[p])) continue;
    while (p >= 0 && isSpace(bytes[p])) p -= 1;
    const genEnd = p + 1;
    while (p >= 0 && isDigit(bytes[p])) p -= 1;
    if (p + 1 === genEnd || !isSpace(bytes[p])) continue;
    while (p >= 0 && isSpace(bytes[p])) p -= 1;
    const numEnd = p + 1;
    while (p >= 0 && isDigit(bytes[p])) p -= 1;
    if (p + 1 === numEnd || (p >= 0 && !isSpace(bytes[p]))) continue;
    const offset = p + 1;
    if (offset < from) continue;
    found.push({ num: Number(Buffer.from(bytes.subarray(offset, numEnd)).toString('latin1')), offset });
  }
  return found;
}

/**
 * Rebuilds a cross-reference map by scanning (what viewers do with a damaged file): the last header of
 * each number wins, objects of object streams fill the gaps, and the trailer is the last `trailer`
 * dictionary or xref-stream dictionary with a /Root, else a made-up one pointing at the last catalog.
 */
export function reconstructXref(bytes: Uint8Array, budget: Budget): { xref: Map<number, XrefEntry>; trailer: PdfDict } {
  const file = new PdfFile(bytes, budget);
  const xref = new Map<number, XrefEntry>();
  const headers = scanObjectHeaders(bytes, budget);
  for (const { num, offset } of headers) xref.set(num, { type: 'offset', offset, gen: 0 });
  let trailer: PdfDict | undefined;
  let catalog: number | undefined;
  for (const { num, offset } of headers) {
    budget.check();
    const value = parseQuietly(() => file.readObjectAt(offset, () => undefined).value);
    const dict = isDict(value) ? value : isStream(value) ? value.dict : undefined;
    const type = nameOf(dict?.entries.get('Type'));
    if (type === 'Catalog') catalog = num;
    if (type === 'XRef' && dict !== undefined && isRef(dict.entries.get('Root'))) trailer = dict;
    if (type === 'ObjStm' && isStream(value)) addObjectStream(file, num, value, xref);
  }
  const keyword = lastIndexOf(bytes, 'trailer', bytes.length);
  if (keyword >= 0) {
    const parsed = parseQuietly(() => new PdfLexer(bytes, budget, keyword + 'trailer'.length).parseValue());
    if (isDict(parsed) && isRef(parsed.entries.get('Root'))) trailer = parsed;
  }
  if (trailer === undefined && catalog !== undefined) trailer = { kind: 'dict', entries: new Map([['Root', { kind: 'ref', num: catalog, gen: 0 }]]), start: -1, end: -1 };
  if (trailer === undefined) throw new PdfSyntaxError('no trailer and no catalog found while rebuilding the file');
  return { xref, trailer };
}

function addObjectStream(file: PdfFile, num: number, stream: Parameters<PdfFile['readFromObjectStream']>[0], xref: Map<number, XrefEntry>): void {
  for (let index = 0; ; index += 1) {
    let inner: PdfIndirect;
    try {
      inner = file.readFromObjectStream(stream, index);
    } catch (error) {
      if (error instanceof LimitExceededError) throw error;
      // The first index that does not decode ends the stream's contribution.
      return;
    }
    if (!xref.has(inner.num)) xref.set(inner.num, { type: 'compressed', stream: num, index });
  }
}

/** Rebuilding skips what it cannot read (that is its job); only limits stop it. */
function parseQuietly(read: () => PdfValue): PdfValue | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return undefined;
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}
