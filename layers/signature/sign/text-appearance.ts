/**
 * Appearance streams for filled text fields (ISO 32000-1 §12.7.3.3): when a document is issued, the number
 * ("Số: 15/QĐ-UBND") and the place and date ("Hà Nội, ngày 03 tháng 12 năm 2026") are written into two text
 * fields of the already-signed PDF, in an incremental update. A viewer shows a field's /AP /N Form XObject,
 * and the Standard-14 fonts have no Vietnamese glyphs, so the form draws the line with DejaVu Sans embedded
 * as a subset (Type0 / CIDFontType2, Identity-H) with a ToUnicode map, so that copying the text gives the
 * Vietnamese back. pdfkit lays the line out and subsets the font on a page the size of the field; the page's
 * content and every object its resources reach are then copied, renumbered, into the caller's update.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { registerFontFiles } from '#print/pdf-layout';
import { Budget } from '../limits.ts';
import { decodeStream } from '../pdf/filters.ts';
import { dictOf, isArray, isStream, pdfArray, pdfDict, pdfName, pdfRef, type PdfDict, type PdfRef, type PdfStream, type PdfValue } from '../pdf/objects.ts';
import { PdfRevision } from '../pdf/revision.ts';

export interface TextAppearanceRequest {
  /** One line; normalized to NFC here, tabs and other control characters drawn as spaces. */
  readonly text: string;
  /** The field rectangle, in points. */
  readonly width: number;
  readonly height: number;
  /** The size wanted, e.g. 13 (Nghị định 30/2020/NĐ-CP: 13–14 pt); smaller when the line would not fit. */
  readonly fontSize: number;
  readonly align: 'left' | 'center' | 'right';
  /** The place-and-date line is italic in the decree's form. */
  readonly italic?: boolean;
}

/** Objects to append: the Form XObject and everything it references, numbered from `firstObjectNumber`. */
export interface TextAppearance {
  readonly objects: ReadonlyMap<number, PdfValue>;
  /** The /AP /N value. */
  readonly formXObject: PdfRef;
  readonly nextObjectNumber: number;
  /** The size drawn: the requested one, or smaller when the line had to shrink to fit the field. */
  readonly fontSize: number;
  /**
   * How an italic request was drawn: with DejaVu Sans Oblique (`font`), or slanted by a shear of the upright
   * face (`slanted`) when the Oblique file is not beside the regular one (a bundle that copied only
   * DejaVuSans.ttf and DejaVuSans-Bold.ttf); `none` when upright was asked for.
   */
  readonly italic: 'font' | 'slanted' | 'none';
}

/** Space kept free left and right of the text, as viewers do for a borderless field. */
export const TEXT_PADDING = 2;
/** Below this size a line is unreadable: such a line is refused rather than drawn or clipped. */
export const MIN_FONT_SIZE = 4;
const OBLIQUE_FILE = 'DejaVuSans-Oblique.ttf';
/** Degrees of the synthetic slant when the Oblique face is missing (DejaVu Sans Oblique is about 11°). */
const SLANT_DEGREES = 11;
/** pdfkit writes /CreationDate in its info dictionary; none of it is copied, but it should not vary. */
const FIXED_DATE = new Date(0);

/**
 * The appearance of a text field showing `request.text` on one line, centred vertically (the middle of the
 * font's ascender–descender box on the middle of the field) and aligned with `TEXT_PADDING` points free on
 * each side. A line wider than the field is drawn smaller so that it fits whole; one that would need less
 * than `MIN_FONT_SIZE`, or a character DejaVu Sans has no glyph for, is a `RangeError`: nothing is clipped
 * or replaced by a blank box silently. The result depends only on the request and `firstObjectNumber`.
 *
 * The objects go into the same incremental update as the field's new /V, with /AP << /N formXObject >>; the
 * subset font gets a tag derived from its bytes, so two fields filled in one update carry distinct tags.
 *
 * @example
 * const number = await textAppearance({ text: 'Số: 15/QĐ-UBND', width: 160, height: 20, fontSize: 13, align: 'center' }, size);
 * const date = await textAppearance({ text: 'Hà Nội, ngày 03 tháng 12 năm 2026', width: 260, height: 20, fontSize: 14, align: 'center', italic: true }, number.nextObjectNumber);
 */
export async function textAppearance(request: TextAppearanceRequest, firstObjectNumber: number): Promise<TextAppearance> {
  const text = checked(request, firstObjectNumber);
  const face = fontFace(request.italic === true);
  const italic = request.italic !== true ? 'none' : face.slant === undefined ? 'font' : 'slanted';
  if (text.trim() === '') {
    const form = formXObject(request, pdfDict([]), new Uint8Array(0));
    return { objects: new Map([[firstObjectNumber, form]]), formXObject: pdfRef(firstObjectNumber), nextObjectNumber: firstObjectNumber + 1, fontSize: request.fontSize, italic };
  }
  const { bytes, fontSize } = await layOut(text, request, face);
  const page = firstPageOf(PdfRevision.open(bytes, bytes.length, Budget.forMillis(10_000)));
  const content = decodeStream(page.content);
  if (drawsNotdef(content)) throw new RangeError(`DejaVu Sans has no glyph for a character of "${text}"`);
  const copied = copyReachable(page.revision, page.resources, firstObjectNumber + 1);
  const tag = subsetTag([content, ...[...copied.objects.values()].flatMap((value) => (isStream(value) ? [value.raw] : []))]);
  const objects = new Map<number, PdfValue>([[firstObjectNumber, formXObject(request, withTag(copied.root, tag) as PdfDict, content)]]);
  for (const [num, value] of copied.objects) objects.set(num, withTag(value, tag));
  return { objects, formXObject: pdfRef(firstObjectNumber), nextObjectNumber: firstObjectNumber + 1 + copied.objects.size, fontSize, italic };
}

/** The text to draw; throws for a request that cannot be drawn at all. */
function checked(request: TextAppearanceRequest, firstObjectNumber: number): string {
  for (const [name, value] of [
    ['width', request.width],
    ['height', request.height],
    ['fontSize', request.fontSize],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`the appearance ${name} must be a positive number, not ${value}`);
  }
  if (!['left', 'center', 'right'].includes(request.align)) throw new RangeError(`unknown alignment ${String(request.align)}`);
  if (!Number.isSafeInteger(firstObjectNumber) || firstObjectNumber < 1) throw new RangeError(`firstObjectNumber must be a positive integer, not ${firstObjectNumber}`);
  const text = request.text.normalize('NFC');
  if (/[\n\r\u2028\u2029]/.test(text)) throw new RangeError('a text field appearance holds one line: the text has a line break');
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

interface FontFace {
  readonly file: string;
  /** Degrees of synthetic slant, when italic is drawn by shearing the upright face. */
  readonly slant: number | undefined;
}

/** DejaVu Sans, or its Oblique face found beside it (node_modules, or VANTHU_PDF_FONT_DIR in a bundle). */
function fontFace(italic: boolean): FontFace {
  const { regular } = registerFontFiles();
  if (!italic) return { file: regular, slant: undefined };
  const oblique = path.join(path.dirname(regular), OBLIQUE_FILE);
  return existsSync(oblique) ? { file: oblique, slant: undefined } : { file: regular, slant: SLANT_DEGREES };
}

/** A one-page PDF of the field's size with the line drawn on it, and the size it was drawn at. */
async function layOut(text: string, request: TextAppearanceRequest, face: FontFace): Promise<{ bytes: Uint8Array; fontSize: number }> {
  // `font` at construction: pdfkit would otherwise load its Helvetica metrics, which a bundle does not have.
  const parsed = parsedFonts.get(face.file);
  const doc = new PDFDocument({
    size: [request.width, request.height],
    margin: 0,
    // pdfkit's types name only a path; its code takes a parsed font too (see parsedFonts).
    font: (parsed ?? face.file) as string,
    info: { Producer: 'vanthu', Creator: 'vanthu', CreationDate: FIXED_DATE },
  });
  if (parsed === undefined) keepParsedFont(face.file, doc);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => doc.once('end', resolve).once('error', reject));
  const available = request.width - 2 * TEXT_PADDING;
  doc.fontSize(request.fontSize);
  const natural = doc.widthOfString(text);
  const lineHeight = doc.currentLineHeight(false);
  // Width and the ascender–descender box both scale linearly with the size.
  const fit = Math.min(request.fontSize, natural > 0 ? (request.fontSize * available) / natural : request.fontSize, (request.fontSize * request.height) / lineHeight);
  const fontSize = fit >= request.fontSize ? request.fontSize : Math.floor(fit * 100) / 100;
  if (fontSize < MIN_FONT_SIZE) {
    throw new RangeError(`"${text}" does not fit a ${request.width}×${request.height} pt field even at ${MIN_FONT_SIZE} pt (it would need ${Math.floor(fit * 100) / 100} pt)`);
  }
  doc.fontSize(fontSize);
  const width = doc.widthOfString(text);
  const x = request.align === 'left' ? TEXT_PADDING : request.align === 'right' ? request.width - TEXT_PADDING - width : TEXT_PADDING + (available - width) / 2;
  // `baseline: 'middle'` puts the middle of the ascender–descender box at y: the line is centred vertically.
  doc.text(text, x, request.height / 2, { lineBreak: false, baseline: 'middle', ...(face.slant === undefined ? {} : { oblique: face.slant }) });
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), fontSize };
}

/**
 * The fonts as fontkit parsed them, by file. pdfkit 0.20 takes a parsed font in place of a path; reusing it
 * spares reading the 700 KB file and decoding its cmap, GSUB and GPOS tables again on every call (about two
 * thirds of a call's time). Each document still makes its own subset. The parsed font is reached through
 * pdfkit's internals, checked at run time: a pdfkit without them just parses the file every time.
 */
const parsedFonts = new Map<string, object>();

function keepParsedFont(file: string, doc: object): void {
  const font = (doc as { _font?: { font?: unknown } })._font?.font;
  if (typeof font === 'object' && font !== null && typeof (font as { layout?: unknown }).layout === 'function') parsedFonts.set(file, font);
}

interface LaidOutPage {
  readonly revision: PdfRevision;
  readonly content: PdfStream;
  readonly resources: PdfDict;
}

function firstPageOf(revision: PdfRevision): LaidOutPage {
  const pages = revision.dict(revision.catalog(), 'Pages');
  const kids = revision.get(pages, 'Kids');
  const page = dictOf(revision.resolve(isArray(kids) ? kids.items[0] : undefined));
  const content = revision.get(page, 'Contents');
  const resources = revision.dict(page, 'Resources');
  // pdfkit writes one content stream and one resource dictionary per page; anything else is a new pdfkit.
  if (page === undefined || !isStream(content) || resources === undefined) throw new Error('pdfkit laid out the field in an unexpected page structure');
  return { revision, content, resources };
}

/** True when a hex string of the content selects CID 0, the subset's .notdef (pdfkit's code for a missing glyph). */
function drawsNotdef(content: Uint8Array): boolean {
  for (const [, hex = ''] of Buffer.from(content)
    .toString('latin1')
    .matchAll(/<([0-9A-Fa-f\s]*)>/g)) {
    const digits = hex.replace(/\s/g, '');
    for (let i = 0; i + 4 <= digits.length; i += 4) if (digits.slice(i, i + 4) === '0000') return true;
  }
  return false;
}

/**
 * `root` with every reference replaced by a new number from `first` on, and the objects those references
 * reach (transitively), copied and renumbered the same way, in the order they are first met.
 */
function copyReachable(revision: PdfRevision, root: PdfDict, first: number): { root: PdfDict; objects: Map<number, PdfValue> } {
  const numbers = new Map<number, number>();
  const pending: number[] = [];
  const renumber = (value: PdfValue): PdfValue => {
    if (value === null || typeof value !== 'object') return value;
    switch (value.kind) {
      case 'ref': {
        let num = numbers.get(value.num);
        if (num === undefined) {
          num = first + numbers.size;
          numbers.set(value.num, num);
          pending.push(value.num);
        }
        return pdfRef(num);
      }
      case 'array':
        return pdfArray(value.items.map(renumber));
      case 'dict':
        return pdfDict([...value.entries].map(([key, item]) => [key, renumber(item)] as const));
      case 'stream':
        // /Length is written afresh by the serializer (and may be a reference to an object not worth copying).
        return { kind: 'stream', dict: pdfDict([...value.dict.entries].filter(([key]) => key !== 'Length').map(([key, item]) => [key, renumber(item)] as const)), raw: value.raw };
      default:
        return value;
    }
  };
  const copiedRoot = renumber(root) as PdfDict;
  const objects = new Map<number, PdfValue>();
  for (let old = pending.shift(); old !== undefined; old = pending.shift()) {
    const num = numbers.get(old) as number;
    objects.set(num, renumber(revision.object(old)?.value ?? null));
  }
  return { root: copiedRoot, objects };
}

/** Six capital letters from a digest of the subset (ISO 32000-1 §9.6.4: distinct subsets, distinct tags). */
function subsetTag(parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return [...hash.digest().subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/** The value with pdfkit's fixed subset tag (derived from its font id "F1") replaced in /BaseFont and /FontName. */
function withTag(value: PdfValue, tag: string): PdfValue {
  if (value === null || typeof value !== 'object') return value;
  if (value.kind === 'stream') return { kind: 'stream', dict: withTag(value.dict, tag) as PdfDict, raw: value.raw };
  if (value.kind === 'array') return pdfArray(value.items.map((item) => withTag(item, tag)));
  if (value.kind !== 'dict') return value;
  return pdfDict(
    [...value.entries].map(([key, item]) => {
      if ((key === 'BaseFont' || key === 'FontName') && typeof item === 'object' && item?.kind === 'name')
        return [key, pdfName(item.name.replace(/^[A-Z]{6}\+/, `${tag}+`))] as const;
      return [key, withTag(item, tag)] as const;
    }),
  );
}

/**
 * The Form XObject: pdfkit's page content (it flips the y axis and back, and leaves a transformation
 * unbalanced) inside `q … Q`, in black, marked `/Tx BMC … EMC` as the variable-text part of the field.
 */
function formXObject(request: TextAppearanceRequest, resources: PdfDict, content: Uint8Array): PdfValue {
  const body = Buffer.concat([Buffer.from('/Tx BMC\nq\n0 g\n'), content, Buffer.from('\nQ\nEMC\n')]);
  return {
    kind: 'stream',
    dict: pdfDict([
      ['Type', pdfName('XObject')],
      ['Subtype', pdfName('Form')],
      ['FormType', 1],
      ['BBox', pdfArray([0, 0, request.width, request.height])],
      ['Matrix', pdfArray([1, 0, 0, 1, 0, 0])],
      ['Resources', resources],
      ['Filter', pdfName('FlateDecode')],
    ]),
    raw: new Uint8Array(deflateSync(body)),
  };
}
