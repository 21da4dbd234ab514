import { LimitExceededError, PdfSyntaxError } from '../errors.ts';
import { MAX_XREF_SECTIONS, type Budget } from '../limits.ts';
import { PdfFile } from './file.ts';
import { PdfLexer, lastIndexOf } from './lexer.ts';
import { dictOf, isDict, isRef, numberOf, type PdfDict, type PdfIndirect, type PdfValue } from './objects.ts';
import { reconstructXref } from './scan.ts';
import { readXrefSection, type XrefEntry, type XrefSection } from './xref.ts';

/**
 * One revision of a PDF: the document as it stood when the bytes [0, end) were written. Its objects are
 * found through the cross-reference chain that starts at the last `startxref` before `end`; nothing
 * beyond `end` is ever read, so a signed revision is judged only by the bytes its signature covers.
 *
 * @example
 * const revision = PdfRevision.open(bytes, byteRangeEnd, Budget.forMillis(1000));
 * const catalog = revision.catalog();
 */
export class PdfRevision {
  private constructor(
    readonly file: PdfFile,
    readonly end: number,
    readonly startxref: number,
    readonly sections: readonly XrefSection[],
    readonly xref: ReadonlyMap<number, XrefEntry>,
    readonly trailer: PdfDict,
  ) {}

  static open(bytes: Uint8Array, end: number, budget: Budget): PdfRevision {
    const file = new PdfFile(bytes.subarray(0, end), budget);
    const keyword = lastIndexOf(file.bytes, 'startxref', end, Math.max(0, end - 4096));
    if (keyword < 0) throw new PdfSyntaxError('no startxref near the end of the revision', end);
    const lexer = new PdfLexer(file.bytes, budget, keyword + 'startxref'.length);
    const startxref = lexer.readInteger();
    const sections: XrefSection[] = [];
    const xref = new Map<number, XrefEntry>();
    const pending: number[] = [startxref];
    const seen = new Set<number>();
    // A bootstrap resolver for /Length refs while the xref itself is still being read: only plain numbers.
    const lengthOnly = (value: PdfValue): number | undefined => numberOf(value);
    while (pending.length > 0) {
      const offset = pending.shift() as number;
      if (seen.has(offset)) continue;
      if (seen.size >= MAX_XREF_SECTIONS) throw new LimitExceededError('count', 'too many cross-reference sections');
      seen.add(offset);
      const section = readXrefSection(file, offset, lengthOnly);
      sections.push(section);
      for (const [num, entry] of section.entries) if (!xref.has(num)) xref.set(num, entry);
      // Hybrid files: the table's /XRefStm is read before /Prev (§7.5.8.4).
      const hybrid = numberOf(section.trailer.entries.get('XRefStm'));
      const prev = numberOf(section.trailer.entries.get('Prev'));
      if (hybrid !== undefined) pending.unshift(hybrid);
      if (prev !== undefined) pending.push(prev);
    }
    return new PdfRevision(file, end, startxref, sections, xref, mergeTrailers(sections));
  }

  /**
   * The document as a viewer's repair mode would see a file whose cross-reference data is unusable.
   * Only used to *report* on damaged files; a reconstructed revision never yields a passed signature.
   */
  static reconstruct(bytes: Uint8Array, budget: Budget): PdfRevision {
    const { xref, trailer } = reconstructXref(bytes, budget);
    return new PdfRevision(new PdfFile(bytes, budget), bytes.length, -1, [], xref, trailer);
  }

  /** The object a number stands for in this revision, or undefined when free or absent. */
  object(num: number): PdfIndirect | undefined {
    const entry = this.xref.get(num);
    if (entry === undefined || entry.type === 'free') return undefined;
    if (entry.type === 'offset') {
      const object = this.file.readObjectAt(entry.offset, (value) => numberOf(this.resolve(value)));
      if (object.num !== num) throw new PdfSyntaxError(`xref entry for object ${num} points to object ${object.num}`, entry.offset);
      return object;
    }
    const holder = this.xref.get(entry.stream);
    if (holder?.type !== 'offset') throw new PdfSyntaxError(`object stream ${entry.stream} is not a plain object`);
    const stream = this.file.readObjectAt(holder.offset, (value) => numberOf(this.resolve(value))).value;
    if (stream === null || typeof stream !== 'object' || stream.kind !== 'stream') throw new PdfSyntaxError(`object ${entry.stream} is not an object stream`);
    const object = this.file.readFromObjectStream(stream, entry.index);
    if (object.num !== num) throw new PdfSyntaxError(`object stream entry for ${num} holds object ${object.num}`);
    return object;
  }

  /** The object written at a file offset, whatever number the xref gives it. */
  objectAt(offset: number): PdfIndirect {
    return this.file.readObjectAt(offset, (value) => numberOf(this.resolve(value)));
  }

  /** Follows references (a reference to a missing object is null, §7.3.10). */
  resolve(value: PdfValue | undefined): PdfValue {
    let current: PdfValue = value ?? null;
    for (let hops = 0; isRef(current); hops += 1) {
      if (hops > 16) throw new PdfSyntaxError('reference chain too long');
      this.file.budget.check();
      current = this.object(current.num)?.value ?? null;
    }
    return current;
  }

  /** `dict[key]` resolved. */
  get(dict: PdfDict | undefined, key: string): PdfValue {
    return dict === undefined ? null : this.resolve(dict.entries.get(key));
  }

  dict(dict: PdfDict | undefined, key: string): PdfDict | undefined {
    return dictOf(this.get(dict, key));
  }

  catalog(): PdfDict {
    const root = this.resolve(this.trailer.entries.get('Root'));
    if (!isDict(root)) throw new PdfSyntaxError('trailer /Root is not a dictionary');
    return root;
  }

  get budget(): Budget {
    return this.file.budget;
  }
}

function mergeTrailers(sections: readonly XrefSection[]): PdfDict {
  const entries = new Map<string, PdfValue>();
  for (const section of sections) for (const [key, value] of section.trailer.entries) if (!entries.has(key)) entries.set(key, value);
  const first = sections[0];
  return { kind: 'dict', entries, start: first?.trailer.start ?? -1, end: first?.trailer.end ?? -1 };
}
