/**
 * Printable registers (sổ đăng ký văn bản đi / đến, Nghị định 30/2020/NĐ-CP) as PDF: a cover, then A4
 * landscape table pages with the column headers repeated, written to a sink page by page so that a year of
 * 10,000 entries never sits in memory. pdfkit because it streams finished pages (pdf-lib builds the whole
 * document in memory: about 800 MB for 10,000 rows); DejaVu Sans embedded as a subset with a ToUnicode map,
 * so that copying or `pdftotext` gives the Vietnamese text back exactly.
 */
import PDFDocument from 'pdfkit';
import type { RegisterBook } from '#domain/documents/register';
import { columnWidths, PageTotal, printable, registerFontFiles, TextMeasure, trimLayoutCache } from './pdf-layout.ts';

export { registerFontFiles } from './pdf-layout.ts';
export type { RegisterBook };

/**
 * Writes the PDF to `sink` chunk by chunk. The sink is awaited after every page (backpressure), so memory
 * stays at about one page whatever the row count. Footers read "Trang 3/125": the total is drawn from one
 * shared object written after the last page, since the streamed pages are gone by then.
 *
 * @example
 * const out = createWriteStream(file);
 * await renderRegisterPdf(book, (chunk) => new Promise((ok, fail) => out.write(chunk, (e) => (e ? fail(e) : ok()))));
 */
export async function renderRegisterPdf(book: RegisterBook, sink: (chunk: Uint8Array) => void | Promise<void>): Promise<{ pages: number; rows: number }> {
  const fonts = registerFontFiles();
  // `font` replaces pdfkit's default Helvetica, whose metrics file a Lambda bundle does not have. The
  // fonts are then selected by path, not by a registerFont alias: pdfkit does not cache an alias of a font
  // it already holds under another key, and would parse the 700 KB file again on every switch.
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    font: fonts.regular,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: printable(`${book.title} – ${book.seriesName} – Năm ${book.year}`), Author: printable(book.agencyName), Creator: 'vanthu' },
  });
  // pdfkit pushes each finished object as it goes; handing the chunks over (and awaiting the sink) once per
  // page is what bounds memory when the sink is slower than the rendering (an S3 multipart upload).
  const pending: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => pending.push(chunk));
  const drain = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    for (const chunk of pending.splice(0)) await sink(chunk);
  };
  const writer = new RegisterWriter(doc, book, fonts);
  writer.cover();
  writer.tablePage();
  let rows = 0;
  for await (const row of book.rows) {
    const pages = writer.pages;
    writer.row(book.columns.map((column) => printable(row[column] ?? '')));
    rows += 1;
    if (writer.pages !== pages) await drain();
  }
  if (rows === 0) writer.emptyNotice();
  writer.finish();
  const ended = new Promise<void>((resolve, reject) => doc.once('end', resolve).once('error', reject));
  doc.end();
  await ended;
  await drain();
  return { pages: writer.pages, rows };
}

/** The whole PDF in memory, for small registers and tests; large ones should stream to S3 or a file. */
export async function registerPdfBytes(book: RegisterBook): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await renderRegisterPdf(book, (chunk) => void chunks.push(chunk));
  return Buffer.concat(chunks);
}

/** A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28 } as const;
/** The wider left margin leaves room for binding the printed book. */
const MARGIN = { top: 30, bottom: 34, left: 40, right: 28 } as const;
const TABLE_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
/** Table text: size, line height and cell padding in points. */
const BODY = { size: 8, line: 10, pad: 3 } as const;
const SECRET_RED = '#b00000';
/** Fewer free lines than this at the page foot: a row that must be split starts on the next page instead. */
const MIN_SPLIT_LINES = 3;

type Align = 'left' | 'center' | 'right';

/** Draws one register: cover, table pages (header, rows, footer) and the page total. */
class RegisterWriter {
  pages = 0;
  private y = 0;
  private rowsOnPage = 0;
  /** Lines a row may take on a page holding nothing but the headers. */
  private freshRoom = 0;
  private readonly measure: TextMeasure;
  private readonly widths: number[];
  private readonly columns: string[];
  private total: PageTotal | undefined;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly book: RegisterBook,
    private readonly fonts: { readonly regular: string; readonly bold: string },
  ) {
    this.measure = new TextMeasure(doc);
    this.columns = book.columns.map(printable);
    this.widths = columnWidths(book.columns, TABLE_WIDTH, book.columnWeights);
  }

  cover(): void {
    const { book } = this;
    this.newPage();
    if (book.secret) this.secretStamp(20, MARGIN.top + 10);
    let y = 80;
    y = this.block(printable(book.agencyName).toUpperCase(), MARGIN.left, y, TABLE_WIDTH, 'center', this.fonts.bold, 15, 20);
    y = this.block(printable(`Mã định danh: ${book.agencyCode}`), MARGIN.left, y + 4, TABLE_WIDTH, 'center', this.fonts.regular, 11, 15);
    y = this.block(printable(book.title), MARGIN.left, Math.max(y + 60, 210), TABLE_WIDTH, 'center', this.fonts.bold, 28, 36);
    y = this.block(printable(book.seriesName), MARGIN.left, y + 10, TABLE_WIDTH, 'center', this.fonts.bold, 18, 24);
    y = this.block(`Năm ${book.year}`, MARGIN.left, y + 16, TABLE_WIDTH, 'center', this.fonts.regular, 16, 22);
    this.block(printable(numberRange(book.fromNumber, book.toNumber)), MARGIN.left, y + 28, TABLE_WIDTH, 'center', this.fonts.regular, 13, 18);
  }

  /** A new table page: running head, MẬT when secret, the column headers, and the footer. */
  tablePage(): void {
    const { book, doc } = this;
    this.newPage();
    trimLayoutCache(doc);
    const head = printable(`${book.title} – ${book.seriesName} – Năm ${book.year}`);
    this.block(head, MARGIN.left, MARGIN.top, TABLE_WIDTH - 60, 'left', this.fonts.bold, 9, 12);
    if (book.secret) this.secretStamp(12, MARGIN.top - 4);
    this.footer();
    this.y = MARGIN.top + 22;
    const headers = this.columns.map((name, i) => this.measure.lines(name, (this.widths[i] ?? 0) - 2 * BODY.pad, this.fonts.bold, BODY.size));
    const height = Math.max(...headers.map((lines) => lines.length)) * BODY.line + 2 * BODY.pad;
    doc.rect(MARGIN.left, this.y, TABLE_WIDTH, height).fill('#e8e8e8').fillColor('black');
    this.grid(height);
    let x = MARGIN.left;
    headers.forEach((lines, i) => {
      const w = this.widths[i] ?? 0;
      this.block(lines, x + BODY.pad, this.y + BODY.pad, w - 2 * BODY.pad, 'center', this.fonts.bold, BODY.size, BODY.line);
      x += w;
    });
    this.y += height;
    this.rowsOnPage = 0;
    this.freshRoom = this.linesFrom(this.y);
  }

  /**
   * One register entry. A row that fits on a page is never split; a taller one (a very long "Nơi nhận")
   * fills the rest of the page and goes on over the next, with the headers repeated.
   */
  row(cells: readonly string[]): void {
    const lines = cells.map((text, i) => this.measure.lines(text, (this.widths[i] ?? 0) - 2 * BODY.pad, this.fonts.regular, BODY.size));
    const total = Math.max(1, ...lines.map((l) => l.length));
    for (let from = 0; from < total; ) {
      const room = this.linesFrom(this.y);
      const rest = total - from;
      if (this.rowsOnPage > 0 && rest > room && (rest <= this.freshRoom || room < MIN_SPLIT_LINES)) {
        this.tablePage();
        continue;
      }
      const take = Math.max(1, Math.min(rest, room));
      this.slice(lines, from, take);
      from += take;
    }
  }

  /** For an empty book, a line under the headers so the printed page does not look cut off. */
  emptyNotice(): void {
    this.block('Sổ chưa có văn bản nào.', MARGIN.left, this.y + 12, TABLE_WIDTH, 'center', this.fonts.regular, 10, 14);
  }

  /** Writes the page total; before `doc.end()`. */
  finish(): void {
    this.total?.finish(this.pages);
  }

  private newPage(): void {
    this.doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    this.pages += 1;
  }

  private linesFrom(top: number): number {
    return Math.floor((BOTTOM - top - 2 * BODY.pad) / BODY.line);
  }

  private slice(lines: readonly string[][], from: number, count: number): void {
    const height = count * BODY.line + 2 * BODY.pad;
    this.grid(height);
    let x = MARGIN.left;
    lines.forEach((cell, i) => {
      this.block(cell.slice(from, from + count), x + BODY.pad, this.y + BODY.pad, 0, 'left', this.fonts.regular, BODY.size, BODY.line);
      x += this.widths[i] ?? 0;
    });
    this.y += height;
    this.rowsOnPage += 1;
  }

  /** The outline and column rules of one band of the table, `height` tall from the current y. */
  private grid(height: number): void {
    const { doc } = this;
    let x = MARGIN.left;
    doc.lineWidth(0.5).rect(x, this.y, TABLE_WIDTH, height);
    for (const w of this.widths.slice(0, -1)) {
      x += w;
      doc.moveTo(x, this.y).lineTo(x, this.y + height);
    }
    doc.stroke();
  }

  private footer(): void {
    const { doc, book } = this;
    const top = BOTTOM + 12;
    const printed = book.printedAt === undefined ? '' : ` – In lúc ${printable(book.printedAt)}`;
    this.block(printable(`${book.agencyName}${printed}`), MARGIN.left, top, 500, 'left', this.fonts.regular, 8, 10);
    const right = PAGE.width - MARGIN.right;
    doc.font(this.fonts.regular, 8);
    this.total ??= PageTotal.create(doc, 8);
    const label = this.total === undefined ? `Trang ${this.pages}` : `Trang ${this.pages}/`;
    // Room for a four-digit total after the slash, so "Trang 3/125" ends near the margin.
    const reserve = this.total === undefined ? 0 : this.measure.width('0000', this.fonts.regular, 8);
    const labelWidth = this.measure.width(label, this.fonts.regular, 8);
    const x = right - reserve - labelWidth;
    this.block([label], x, top, 0, 'left', this.fonts.regular, 8, 10);
    this.total?.place(x + labelWidth, top);
  }

  /** "MẬT" in a red frame at the top right, `size` points tall. */
  private secretStamp(size: number, top: number): void {
    const { doc } = this;
    const width = this.measure.width('MẬT', this.fonts.bold, size);
    const x = PAGE.width - MARGIN.right - width - size * 0.6;
    doc
      .save()
      .lineWidth(1.2)
      .strokeColor(SECRET_RED)
      .rect(x - size * 0.4, top - size * 0.25, width + size * 0.8, size * 1.5)
      .stroke()
      .restore();
    doc.save().fillColor(SECRET_RED);
    this.block(['MẬT'], x, top, 0, 'left', this.fonts.bold, size, size);
    doc.restore();
  }

  /**
   * Text lines from `top` down (a string is wrapped to `width` first), each placed by our own measure and
   * drawn without pdfkit's line breaking, which would add pages on its own. Returns the y below the block.
   */
  private block(text: string | readonly string[], x: number, top: number, width: number, align: Align, font: string, size: number, lineHeight: number): number {
    const lines = typeof text === 'string' ? this.measure.lines(text, width, font, size) : text;
    this.doc.font(font, size);
    lines.forEach((line, i) => {
      if (line === '') return;
      // Left-aligned lines are not measured: table cells are unique text that would only churn the cache.
      const free = align === 'left' ? 0 : width - this.measure.width(line, font, size);
      const left = align === 'center' ? x + free / 2 : x + free;
      this.doc.text(line, left, top + i * lineHeight, { lineBreak: false });
    });
    return top + lines.length * lineHeight;
  }
}

/** The cover's number range, or the empty-book notice. */
function numberRange(from: string | undefined, to: string | undefined): string {
  if (from !== undefined && to !== undefined) return `Từ số ${from} đến số ${to}`;
  if (from !== undefined) return `Từ số ${from}`;
  if (to !== undefined) return `Đến số ${to}`;
  return 'Sổ chưa có văn bản nào';
}
