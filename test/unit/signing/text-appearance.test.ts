/**
 * Text field appearances with embedded DejaVu Sans: the objects checked on their own (reachable, renumbered,
 * the glyphs mapped back to the Vietnamese text by the ToUnicode CMap), then a filled field rendered by
 * poppler (pdftoppm, pdffonts, pdftotext) — skipped, and said so, when poppler-utils is not installed — and
 * the fill appended to a signed document, which must keep its signature.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerFontFiles } from '#print/pdf-layout';
import { serialize } from '#signature/dev/pdf-writer';
import { samplePdf } from '#signature/dev/sample-pdf';
import { updatePdf } from '#signature/sign/pdf-update';
import { dictOf, isArray, isRef, isStream, nameOf, numberOf, pdfArray, pdfRef, type PdfDict, type PdfValue } from '#signature/pdf/objects';
import { MIN_FONT_SIZE, TEXT_PADDING, textAppearance, type TextAppearance, type TextAppearanceRequest } from '#signature/sign/text-appearance';
import { verifyPdfSignatures } from '#signature/verify';
import { HOUR, NOW, signAs, testPki } from '../signature/fixtures.ts';

const NUMBER = 'Số: 15/QĐ-UBND';
const PLACE_DATE = 'Hà Nội, ngày 03 tháng 12 năm 2026';
const NUMBER_FIELD: TextAppearanceRequest = { text: NUMBER, width: 160, height: 20, fontSize: 13, align: 'center' };
const DATE_FIELD: TextAppearanceRequest = { text: PLACE_DATE, width: 280, height: 20, fontSize: 14, align: 'center', italic: true };

describe('textAppearance', () => {
  it('returns a Form XObject of the field size whose objects are all reachable and numbered from firstObjectNumber', async () => {
    // Prepare
    const first = 40;
    // Act
    const appearance = await textAppearance(NUMBER_FIELD, first);
    // Assess
    const numbers = [...appearance.objects.keys()].sort((a, b) => a - b);
    expect(appearance.formXObject).toEqual(pdfRef(first));
    expect(numbers).toEqual(Array.from({ length: appearance.nextObjectNumber - first }, (_, i) => first + i));
    expect(reachableFrom(appearance)).toEqual(numbers);
    const form = formOf(appearance);
    expect(nameOf(form.entries.get('Type'))).toBe('XObject');
    expect(nameOf(form.entries.get('Subtype'))).toBe('Form');
    expect(form.entries.get('BBox')).toEqual(pdfArray([0, 0, 160, 20]));
    const font = fontOf(appearance);
    expect(nameOf(font.type0.entries.get('Subtype'))).toBe('Type0');
    expect(nameOf(font.type0.entries.get('Encoding'))).toBe('Identity-H');
    expect(nameOf(font.cid.entries.get('Subtype'))).toBe('CIDFontType2');
    expect(nameOf(font.type0.entries.get('BaseFont'))).toMatch(/^[A-Z]{6}\+DejaVuSans$/);
    expect(isStream(resolved(appearance, font.descriptor.entries.get('FontFile2')))).toBe(true);
    expect(appearance).toMatchObject({ fontSize: 13, italic: 'none' });
  });

  it.each([
    ['the number', NUMBER_FIELD, NUMBER],
    ['the italic place and date', DATE_FIELD, PLACE_DATE],
    ['a decomposed (NFD) input, drawn precomposed', { ...NUMBER_FIELD, text: NUMBER.normalize('NFD') }, NUMBER],
  ])('maps the glyphs drawn for %s back to the Vietnamese text through the ToUnicode CMap', async (_, request, expected) => {
    // Prepare
    const appearance = await textAppearance(request, 1);
    const cmap = toUnicode(resolved(appearance, fontOf(appearance).type0.entries.get('ToUnicode')));
    // Act
    const text = drawn(appearance)
      .codes.map((code) => cmap.get(code) ?? '\uFFFD')
      .join('');
    // Assess
    expect(text).toBe(expected);
  });

  it.each(['left', 'center', 'right'] as const)('places the line %s-aligned inside the padding and centred vertically', async (align) => {
    // Prepare
    const request: TextAppearanceRequest = { ...NUMBER_FIELD, width: 200, height: 24, align };
    // Act
    const line = drawn(await textAppearance(request, 1));
    // Assess
    const expectedX = { left: TEXT_PADDING, center: (200 - line.width) / 2, right: 200 - TEXT_PADDING - line.width }[align];
    expect(line.size).toBe(13);
    expect(line.x).toBeCloseTo(expectedX, 2);
    // DejaVu Sans: ascender 928, descender -236 per 1000; the middle of that box sits on the field's middle.
    expect(line.y + (13 * (928.22 - 235.84)) / 2000).toBeCloseTo(12, 1);
  });

  it('shrinks a line wider than the field until it fits between the paddings', async () => {
    // Prepare
    const request: TextAppearanceRequest = { ...DATE_FIELD, width: 150, italic: false };
    // Act
    const appearance = await textAppearance(request, 1);
    // Assess
    const line = drawn(appearance);
    expect(appearance.fontSize).toBeLessThan(14);
    expect(appearance.fontSize).toBeGreaterThan(6);
    expect(line.size).toBe(appearance.fontSize);
    expect(line.x).toBeGreaterThanOrEqual(TEXT_PADDING - 0.01);
    expect(line.x + line.width).toBeLessThanOrEqual(150 - TEXT_PADDING + 0.01);
    expect(line.width).toBeGreaterThan(150 - 2 * TEXT_PADDING - 1);
  });

  it('shrinks a line taller than the field to the height of its ascender–descender box', async () => {
    // Prepare
    const request: TextAppearanceRequest = { ...NUMBER_FIELD, height: 10 };
    // Act
    const appearance = await textAppearance(request, 1);
    // Assess
    expect(appearance.fontSize).toBeCloseTo(10 / 1.164, 1);
    expect(appearance.fontSize).toBeLessThanOrEqual(10 / 1.164);
  });

  it.each([
    ['a line that would need less than the minimum size', { ...DATE_FIELD, width: 40 }, new RegExp(`even at ${MIN_FONT_SIZE} pt`)],
    ['a line break', { ...NUMBER_FIELD, text: 'Số: 15\nQĐ-UBND' }, /one line/],
    ['a character DejaVu Sans has no glyph for', { ...NUMBER_FIELD, text: 'Số: 15/漢' }, /no glyph/],
    ['a zero-width field', { ...NUMBER_FIELD, width: 0 }, /width must be a positive number/],
  ])('refuses %s rather than clip it or draw a blank box', async (_, request, message) => {
    // Prepare
    const firstObjectNumber = 1;
    // Act
    const call = textAppearance(request, firstObjectNumber);
    // Assess
    await expect(call).rejects.toBeInstanceOf(RangeError);
    await expect(call).rejects.toThrow(message);
  });

  it('is the same for the same request, and tags two different subsets differently', async () => {
    // Prepare
    const numbered = (text: string): Promise<TextAppearance> => textAppearance({ ...NUMBER_FIELD, text }, 7);
    // Act
    const [once, again, other] = await Promise.all([numbered(NUMBER), numbered(NUMBER), numbered('Số: 16/QĐ-UBND')]);
    // Assess
    expect(bytesOf(again)).toBe(bytesOf(once));
    const tag = (a: TextAppearance): string | undefined => nameOf(fontOf(a).type0.entries.get('BaseFont'));
    expect(tag(other)).not.toBe(tag(once));
    expect(nameOf(fontOf(once).descriptor.entries.get('FontName'))).toBe(tag(once));
  });

  it('draws the same with the font kept parsed from earlier calls as with a fresh module that parses it anew', async () => {
    // Prepare
    const kept = await textAppearance(DATE_FIELD, 3);
    vi.resetModules();
    const fresh: typeof import('#signature/sign/text-appearance') = await import('#signature/sign/text-appearance');
    // Act
    const parsedAgain = await fresh.textAppearance(DATE_FIELD, 3);
    // Assess
    expect(fresh.textAppearance).not.toBe(textAppearance);
    expect(bytesOf(parsedAgain)).toBe(bytesOf(kept));
  });

  it('draws an italic line with DejaVu Sans Oblique', async () => {
    // Prepare
    const request = DATE_FIELD;
    // Act
    const appearance = await textAppearance(request, 1);
    // Assess
    expect(appearance.italic).toBe('font');
    expect(nameOf(fontOf(appearance).type0.entries.get('BaseFont'))).toMatch(/^[A-Z]{6}\+DejaVuSans-Oblique$/);
    expect(numberOf(fontOf(appearance).descriptor.entries.get('ItalicAngle'))).toBeLessThan(0);
  });

  it('slants the upright face when a bundle holds no Oblique file', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-fonts-'));
    const fonts = registerFontFiles();
    copyFileSync(fonts.regular, path.join(dir, 'DejaVuSans.ttf'));
    copyFileSync(fonts.bold, path.join(dir, 'DejaVuSans-Bold.ttf'));
    process.env.VANTHU_PDF_FONT_DIR = dir;
    try {
      // Act
      const appearance = await textAppearance(DATE_FIELD, 1);
      // Assess
      expect(appearance.italic).toBe('slanted');
      expect(nameOf(fontOf(appearance).type0.entries.get('BaseFont'))).toMatch(/^[A-Z]{6}\+DejaVuSans$/);
      // A shear: `1 0 c 1 e f cm` with c ≠ 0 before the text.
      expect(contentOf(appearance)).toMatch(/\n1 0 -?0\.\d+ 1 [-\d.]+ [-\d.]+ cm\n/);
    } finally {
      delete process.env.VANTHU_PDF_FONT_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['', '   '])('draws nothing, and embeds no font, for the empty or blank value "%s"', async (text) => {
    // Prepare
    const request: TextAppearanceRequest = { ...NUMBER_FIELD, text };
    // Act
    const appearance = await textAppearance(request, 5);
    // Assess
    expect([...appearance.objects.keys()]).toEqual([5]);
    expect(appearance.nextObjectNumber).toBe(6);
    expect(contentOf(appearance)).not.toMatch(/Tj|TJ/);
  });
});

/** The same Rect for the field in every PDF below: [300 700 460 720] on an A4 page (595 × 842). */
const RECT = [300, 700, 460, 720] as const;

/** A one-page document with an empty text field "so" (its widget on page 1), nothing drawn in it. */
function formPdf(): Uint8Array {
  return updatePdf(samplePdf(['UY BAN NHAN DAN THANH PHO HA NOI']), { addTextFields: [{ name: 'so', page: 1, rect: RECT }] }).bytes;
}

/** Appends the field's value (`value`, or the text drawn) and its appearance drawing `text` (sign/pdf-update.ts). */
async function fill(pdf: Uint8Array, text: string, options: { value?: string } = {}): Promise<Uint8Array> {
  const appearance = await textAppearance({ text, width: RECT[2] - RECT[0], height: RECT[3] - RECT[1], fontSize: 13, align: 'center' }, 1);
  return updatePdf(pdf, { fillTextFields: [{ name: 'so', value: options.value ?? text, appearance }] }).bytes;
}

const poppler = spawnSync('pdftoppm', ['-v']).error === undefined;
if (!poppler && process.env.CI === 'true') throw new Error('pdftoppm is missing on CI: .ci/run installs poppler-utils');
if (!poppler) console.warn('pdftoppm not found: the poppler checks of text field appearances are skipped (apt-get install -y poppler-utils)');

describe.skipIf(!poppler)('a filled text field as poppler shows it (pdftoppm, pdffonts, pdftotext)', () => {
  let dir = '';
  let before = '';
  let after = '';
  /** /V says one thing, the appearance shows another: which one a tool reads. */
  let mismatch = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-text-appearance-'));
    const pdf = formPdf();
    before = path.join(dir, 'before.pdf');
    after = path.join(dir, 'after.pdf');
    writeFileSync(before, pdf);
    writeFileSync(after, await fill(pdf, NUMBER));
    mismatch = path.join(dir, 'mismatch.pdf');
    writeFileSync(mismatch, await fill(pdf, NUMBER, { value: 'Số: 99/QĐ-UBND' }));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the number inside the field rectangle and nowhere else', () => {
    // Prepare
    const [x1, y1, x2, y2] = RECT;
    const inField = (x: number, row: number): boolean => x >= x1 && x < x2 && row >= 842 - y2 && row < 842 - y1;
    // Act
    const empty = render(before);
    const filled = render(after);
    // Assess
    expect([filled.width, filled.height]).toEqual([595, 842]);
    expect(darkPixels(empty, inField)).toBe(0);
    expect(darkPixels(filled, inField)).toBeGreaterThan(150);
    expect(changedPixels(empty, filled, (x, row) => !inField(x, row))).toBe(0);
  });

  it('lists the appearance font as an embedded subset with a Unicode map (pdffonts)', () => {
    // Prepare
    const file = after;
    // Act
    const table = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    // Assess
    expect(table).toContainEqual(expect.stringMatching(/^[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/));
  });

  it('gives the number back through pdftotext, which reads the widget appearance and not /V', () => {
    // Prepare
    const file = mismatch;
    // Act
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    // Assess
    expect(text).toContain('UY BAN NHAN DAN THANH PHO HA NOI');
    expect(text).toContain(NUMBER);
    expect(text).not.toContain('Số: 99/QĐ-UBND');
  });
});

describe('filling the fields of a signed document', () => {
  const pki = testPki();

  it('keeps the signature: the value and its appearance are a permitted form fill', async () => {
    // Prepare
    const signed = signAs(pki, 'leader', { pdf: formPdf() });
    // Act
    const filled = await fill(signed, NUMBER);
    // Assess
    const report = await verifyPdfSignatures(filled, { trustAnchors: [pki.root.certificate], now: new Date(NOW.getTime() + HOUR) });
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', coversWholeDocument: false, modifiedAfterSigning: false });
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.category)).toEqual(['form-fill']);
  });
});

// ---- reading the appearance back ----

function bytesOf(appearance: TextAppearance): string {
  return [...appearance.objects].map(([num, value]) => `${num}:${serialize(value).toString('latin1')}`).join('\n');
}

function resolved(appearance: TextAppearance, value: PdfValue | undefined): PdfValue {
  return isRef(value) ? (appearance.objects.get(value.num) ?? null) : (value ?? null);
}

function formOf(appearance: TextAppearance): PdfDict {
  return dictOf(appearance.objects.get(appearance.formXObject.num)) as PdfDict;
}

function contentOf(appearance: TextAppearance): string {
  const form = appearance.objects.get(appearance.formXObject.num);
  if (!isStream(form)) throw new Error('the Form XObject is not a stream');
  return inflateSync(form.raw).toString('latin1');
}

/** The one font of the form's resources, its descendant CID font and descriptor. */
function fontOf(appearance: TextAppearance): { type0: PdfDict; cid: PdfDict; descriptor: PdfDict } {
  const fonts = dictOf(resolved(appearance, dictOf(formOf(appearance).entries.get('Resources'))?.entries.get('Font')));
  const [only, ...others] = [...(fonts?.entries.values() ?? [])];
  if (only === undefined || others.length > 0) throw new Error('expected exactly one font in the appearance');
  const type0 = dictOf(resolved(appearance, only)) as PdfDict;
  const descendants = resolved(appearance, type0.entries.get('DescendantFonts'));
  const cid = dictOf(resolved(appearance, isArray(descendants) ? descendants.items[0] : null)) as PdfDict;
  const descriptor = dictOf(resolved(appearance, cid.entries.get('FontDescriptor'))) as PdfDict;
  return { type0, cid, descriptor };
}

/** Object numbers reached from the Form XObject, failing on a reference to an object not in the set. */
function reachableFrom(appearance: TextAppearance): number[] {
  const seen = new Set<number>();
  const visit = (value: PdfValue): void => {
    if (value === null || typeof value !== 'object') return;
    if (value.kind === 'ref') {
      if (seen.has(value.num)) return;
      const target = appearance.objects.get(value.num);
      if (target === undefined) throw new Error(`reference ${value.num} 0 R points outside the appearance's objects`);
      seen.add(value.num);
      visit(target);
    } else if (value.kind === 'array') value.items.forEach(visit);
    else if (value.kind === 'dict') [...value.entries.values()].forEach(visit);
    else if (value.kind === 'stream') visit(value.dict);
  };
  visit(appearance.formXObject);
  return [...seen].sort((a, b) => a - b);
}

/** A ToUnicode CMap (bfchar and both bfrange forms) as CID → text. */
function toUnicode(stream: PdfValue): Map<number, string> {
  if (!isStream(stream)) throw new Error('ToUnicode is not a stream');
  const source = inflateSync(stream.raw).toString('latin1');
  const utf16 = (hex: string): string => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
  const map = new Map<number, string>();
  for (const [, body = ''] of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src = '', dst = ''] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) map.set(Number.parseInt(src, 16), utf16(dst));
  }
  for (const [, body = ''] of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo = '', hi = '', list, dst] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(?:\[([^\]]*)\]|<([0-9a-f]+)>)/gi)) {
      const [from, to] = [Number.parseInt(lo, 16), Number.parseInt(hi, 16)];
      if (list !== undefined) for (const [i, [, hex = '']] of [...list.matchAll(/<([0-9a-f\s]+)>/gi)].entries()) map.set(from + i, utf16(hex));
      else for (let code = from; code <= to; code += 1) map.set(code, String.fromCharCode((dst === undefined ? 0 : Number.parseInt(dst, 16)) + code - from));
    }
  }
  return map;
}

/** What the appearance's one text line draws: codes, font size, text origin and advance width (W × size + TJ shifts). */
function drawn(appearance: TextAppearance): { codes: number[]; size: number; x: number; y: number; width: number } {
  const content = contentOf(appearance);
  const tm = /\n1 0 0 1 ([-\d.]+) ([-\d.]+) Tm\n/.exec(content);
  const tf = /\/\w+ ([\d.]+) Tf/.exec(content);
  if (tm === null || tf === null) throw new Error(`no text line in ${content}`);
  const size = Number(tf[1]);
  const w = resolved(appearance, fontOf(appearance).cid.entries.get('W'));
  const widths = isArray(w) && isArray(w.items[1]) ? w.items[1].items.map((item) => numberOf(item) ?? 0) : [];
  const codes: number[] = [];
  let advance = 0;
  for (const [, array = ''] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const [, hex, shift] of array.matchAll(/<([0-9a-f\s]*)>|(-?[\d.]+)/gi)) {
      if (shift !== undefined) advance -= Number(shift);
      for (const code of (hex ?? '').replace(/\s/g, '').match(/.{4}/g) ?? []) {
        codes.push(Number.parseInt(code, 16));
        advance += widths[Number.parseInt(code, 16)] ?? Number.NaN;
      }
    }
  }
  return { codes, size, x: Number(tm[1]), y: Number(tm[2]), width: (advance * size) / 1000 };
}

// ---- poppler ----

interface Gray {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Page 1 at 72 dpi (one pixel per point) in gray levels, read from pdftoppm's PGM output. */
function render(file: string): Gray {
  const pgm = execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', file], { maxBuffer: 16 * 2 ** 20 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('pdftoppm did not write a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: new Uint8Array(pgm.subarray(header[0].length, header[0].length + width * height)) };
}

function darkPixels(image: Gray, where: (x: number, row: number) => boolean): number {
  let count = 0;
  for (let row = 0; row < image.height; row += 1) for (let x = 0; x < image.width; x += 1) if (where(x, row) && (image.pixels[row * image.width + x] ?? 255) < 128) count += 1;
  return count;
}

function changedPixels(a: Gray, b: Gray, where: (x: number, row: number) => boolean): number {
  let count = 0;
  for (let row = 0; row < a.height; row += 1) for (let x = 0; x < a.width; x += 1) if (where(x, row) && a.pixels[row * a.width + x] !== b.pixels[row * b.width + x]) count += 1;
  return count;
}
