/**
 * The measuring half of the register PDF (./register-pdf.ts): where the fonts are, how wide each column is,
 * how a cell's text wraps, and the two places where pdfkit's internals are reached (its unbounded per-word
 * layout cache, and a page total written after the last page).
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The two font files, by the names the Lambda bundle copies next to its handler. */
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Absolute paths of the regular and bold TrueType fonts (DejaVu Sans: full Vietnamese coverage, free
 * license). `VANTHU_PDF_FONT_DIR` wins because a Lambda bundle has no node_modules: the bundling step copies
 * `DejaVuSans.ttf` and `DejaVuSans-Bold.ttf` next to the handler and points the variable there.
 */
export function registerFontFiles(): { regular: string; bold: string } {
  const dir = process.env.VANTHU_PDF_FONT_DIR;
  if (dir !== undefined && dir !== '') {
    return { regular: path.resolve(dir, FONT_FILES.regular), bold: path.resolve(dir, FONT_FILES.bold) };
  }
  const require = createRequire(import.meta.url);
  try {
    return {
      regular: require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES.regular}`),
      bold: require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES.bold}`),
    };
  } catch (cause) {
    throw new Error(`register PDF fonts not found: set VANTHU_PDF_FONT_DIR to a folder holding ${FONT_FILES.regular} and ${FONT_FILES.bold}`, { cause });
  }
}

/** Relative widths by what a column holds; the first pattern that matches a (lower-cased) header wins. */
const WEIGHTS: readonly (readonly [RegExp, number])[] = [
  [/trích yếu|nội dung/u, 4.2],
  [/nơi (nhận|gửi|ban hành)/u, 2],
  [/bản lưu|người nhận|đơn vị/u, 1.5],
  [/ký hiệu|số đến/u, 1.4],
  [/người ký|người xử lý/u, 1.3],
  [/ghi chú/u, 1.1],
  [/số lượng|số tờ|số trang|^stt$|độ mật|độ khẩn/u, 0.75],
  [/ngày/u, 1.25],
];
const DEFAULT_WEIGHT = 1;

/**
 * Column widths in points, proportional to weights: the subject (trích yếu) gets about four times a date
 * column, counts about three quarters. `overrides` (by column name) lets a caller tune an unusual register.
 */
export function columnWidths(columns: readonly string[], total: number, overrides: Readonly<Record<string, number>> = {}): number[] {
  const weights = columns.map((column) => {
    const given = overrides[column];
    if (given !== undefined && given > 0) return given;
    const name = column.normalize('NFC').toLowerCase();
    return WEIGHTS.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_WEIGHT;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
}

/** NFC, with tabs and other control characters as spaces: a font has no glyph for them. Newlines stay. */
export function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}

/** What `TextMeasure` needs of a pdfkit document (kept narrow so tests can measure without one). */
export interface Measurer {
  font(name: string, size?: number): unknown;
  widthOfString(text: string): number;
}

/** A word-width cache bounded so that a year of unique numbers and names does not grow the heap. */
const MAX_CACHED_WORDS = 4096;

/**
 * Greedy word wrapping with the fonts' real widths. Words are measured once and summed with the width of a
 * space (pdfkit lays out per word too), which keeps a 500-character subject linear instead of re-measuring
 * every growing line; a word wider than the column is cut between characters.
 */
export class TextMeasure {
  private readonly widths = new Map<string, number>();

  constructor(private readonly doc: Measurer) {}

  /** Width of `text` in `font` at `size` points. */
  width(text: string, font: string, size: number): number {
    const key = `${font}\u0000${size}\u0000${text}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    if (this.widths.size >= MAX_CACHED_WORDS) this.widths.clear();
    this.doc.font(font, size);
    const measured = this.doc.widthOfString(text);
    this.widths.set(key, measured);
    return measured;
  }

  /** The lines of `text` (already `printable`) no wider than `width`; at least one, maybe empty. */
  lines(text: string, width: number, font: string, size: number): string[] {
    const out: string[] = [];
    const space = this.width(' ', font, size);
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ').filter((w) => w !== '')) {
        const wordWidth = this.width(word, font, size);
        if (line !== '' && lineWidth + space + wordWidth <= width) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line !== '') out.push(line);
        const pieces = wordWidth <= width ? [word] : this.cut(word, width, font, size);
        out.push(...pieces.slice(0, -1));
        line = pieces.at(-1) ?? '';
        lineWidth = this.width(line, font, size);
      }
      out.push(line);
    }
    return out;
  }

  /** Pieces of a word too wide for the column; combining marks stay with their letter. */
  private cut(word: string, width: number, font: string, size: number): string[] {
    const pieces: string[] = [];
    let piece = '';
    for (const char of word) {
      if (piece !== '' && !/^\p{M}/u.test(char) && this.width(piece + char, font, size) > width) {
        pieces.push(piece);
        piece = char;
      } else piece += char;
    }
    pieces.push(piece);
    return pieces;
  }
}

/** The parts of pdfkit's embedded font object reached below; checked at run time, not trusted. */
interface FontInternals {
  readonly id: string;
  readonly ascender: number;
  ref(): unknown;
  encode(text: string): readonly [readonly string[], unknown];
  layoutCache?: unknown;
}

function isFontInternals(value: unknown): value is FontInternals {
  if (typeof value !== 'object' || value === null) return false;
  const font = value as Partial<Record<keyof FontInternals, unknown>>;
  return typeof font.id === 'string' && typeof font.ascender === 'number' && typeof font.ref === 'function' && typeof font.encode === 'function';
}

function internals(doc: object): { font?: unknown; families?: unknown } {
  const raw = doc as { _font?: unknown; _fontFamilies?: unknown };
  return { font: raw._font, families: raw._fontFamilies };
}

/**
 * Empties pdfkit's per-word layout cache. It has no bound (one entry per distinct word: each register
 * number, each name), which made the heap grow with the row count; emptied at each page it stays the size
 * of one page of words at the cost of laying those words out again. A pdfkit without it is left alone.
 */
export function trimLayoutCache(doc: object): void {
  const { families } = internals(doc);
  if (typeof families !== 'object' || families === null) return;
  for (const font of Object.values(families)) {
    if (isFontInternals(font) && typeof font.layoutCache === 'object' && font.layoutCache !== null) font.layoutCache = Object.create(null);
  }
}

/** What `PageTotal` needs of a pdfkit document. */
export interface FormHost {
  ref(data: object): { end(chunk: string): void };
  addContent(data: string): unknown;
  readonly page: { xobjects: Record<string, unknown> };
}

/**
 * "Trang 3/125" on a streamed document, where pages leave memory before the count is known: every footer
 * draws one shared form XObject, whose content (the total, in the footer's font) is written once, after the
 * last page and before the fonts are embedded. `create` gives undefined when pdfkit's font object does not
 * look as expected; the caller then prints "Trang 3".
 */
export class PageTotal {
  private static readonly NAME = 'VanthuPageTotal';

  private constructor(
    private readonly doc: FormHost,
    private readonly font: FontInternals,
    private readonly size: number,
    private readonly form: { end(chunk: string): void },
  ) {}

  /** Call with the footer's font and size selected. */
  static create(doc: FormHost, size: number): PageTotal | undefined {
    const { font } = internals(doc);
    if (!isFontInternals(font)) return undefined;
    const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [-1, -size, size * 8, size * 2], Resources: { Font: { [font.id]: font.ref() } } });
    return new PageTotal(doc, font, size, form);
  }

  /** Draws the total at `x` on the current page, on the baseline of a line whose top is `top`. */
  place(x: number, top: number): void {
    const baseline = top + (this.font.ascender / 1000) * this.size;
    this.doc.page.xobjects[PageTotal.NAME] = this.form;
    // pdfkit's pages are drawn upside down (origin top left): flip back for the form's own coordinates.
    this.doc.addContent(`q 1 0 0 -1 ${x.toFixed(2)} ${baseline.toFixed(2)} cm /${PageTotal.NAME} Do Q`);
  }

  /** Writes the total; before `doc.end()`, so its digits are in the embedded font subset. */
  finish(total: number): void {
    const [glyphs] = this.font.encode(String(total));
    this.form.end(`BT /${this.font.id} ${this.size} Tf 0 0 Td <${glyphs.join('')}> Tj ET`);
  }
}
