/**
 * The register PDF: structure checked on the bytes, text checked the way a reader gets it back — through
 * poppler's pdftotext, pdfinfo and pdffonts, skipped (and said so) when poppler-utils is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnWidths, TextMeasure } from '#print/pdf-layout';
import { registerFontFiles, registerPdfBytes, renderRegisterPdf, type RegisterBook } from '#print/register-pdf';
import { outgoingRegisterColumns } from '#domain/documents/register';
import { sampleRegisterBook } from '../../support/register-book.ts';

const SUBJECT = 'Quyết định về việc giao dự toán ngân sách năm 2027 — Ủy ban nhân dân phường Hoàn Kiếm; Tuyệt mật; ưu đãi; Đỗ Thị Hương';
const LONG_SUBJECT = `Kế hoạch ${'triển khai công tác văn thư, lưu trữ và chuyển đổi số; '.repeat(9)}năm 2027`.slice(0, 500).trim();
/** NFD on input ("Nguyễn Thị Ánh" decomposed): the PDF must carry it precomposed (NFC). */
const NFD_SIGNER = 'Nguyễn Thị Ánh'.normalize('NFD');

function rows(count: number): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => ({
    'Số ký hiệu': `${String(i + 1).padStart(2, '0')}/QĐ-UBND`,
    'Ngày tháng': `${String((i % 28) + 1).padStart(2, '0')}/11/2026`,
    'Tên loại và trích yếu': i === 11 ? LONG_SUBJECT : i % 3 === 0 ? SUBJECT : `Công văn về việc báo cáo tình hình thực hiện nhiệm vụ quý ${(i % 4) + 1}`,
    'Người ký': i === 4 ? NFD_SIGNER : 'Đỗ Thị Hương',
    'Nơi nhận': 'Như trên;\nUBND phường Hoàn Kiếm;\nLưu: VT.',
    'Đơn vị nhận bản lưu': 'Văn phòng Sở',
    'Số lượng bản': String((i % 5) + 2),
    'Ngày chuyển': '04/12/2026',
    'Ký nhận': '',
    'Ghi chú': i === 7 ? 'Ưu tiên xử lý ngay' : '',
  }));
}

function book(overrides: Partial<RegisterBook> = {}): RegisterBook {
  return sampleRegisterBook(rows(30), { toNumber: '30', ...overrides });
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('renderRegisterPdf', () => {
  it('streams a PDF in chunks: a cover and more than one table page, fonts embedded, no standard font', async () => {
    const chunks: Uint8Array[] = [];
    const result = await renderRegisterPdf(book(), (chunk) => void chunks.push(chunk));
    const text = latin1(Buffer.concat(chunks));
    expect(result.rows).toBe(30);
    expect(result.pages).toBeGreaterThan(2);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((c) => c instanceof Uint8Array)).toBe(true);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(result.pages);
    expect(text).toContain('/FontFile2');
    expect(text).toContain('/ToUnicode');
    expect(text).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it('takes rows from an async iterable and awaits the sink, one chunk at a time', async () => {
    async function* slowRows(): AsyncGenerator<Record<string, string>> {
      for (const row of rows(30)) {
        await new Promise((resolve) => setImmediate(resolve));
        yield row;
      }
    }
    let inFlight = 0;
    let most = 0;
    const sync = await renderRegisterPdf(book(), () => undefined);
    const result = await renderRegisterPdf(book({ rows: slowRows() }), async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inFlight -= 1;
    });
    expect(result).toEqual(sync);
    expect(most).toBe(1);
  });

  it('rejects when the sink fails', async () => {
    await expect(renderRegisterPdf(book(), () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
  });

  it('prints an empty register as its cover and one page of headers', async () => {
    const bytes = await registerPdfBytes(book({ rows: [], fromNumber: undefined, toNumber: undefined }));
    expect(latin1(bytes).match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(latin1(bytes.subarray(0, 5))).toBe('%PDF-');
  });
});

describe('layout', () => {
  it('gives the subject column the most room and uses the whole width', () => {
    const widths = columnWidths(outgoingRegisterColumns, 770);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(770, 6);
    expect(Math.max(...widths)).toBe(widths[2]);
    expect(widths[6]).toBe(Math.min(...widths));
    expect(columnWidths(['A', 'B'], 300, { A: 2 })).toEqual([200, 100]);
  });

  it('wraps words within the width, cuts a word that is wider, and loses no text', () => {
    const measure = new TextMeasure({ font: () => undefined, widthOfString: (text) => [...text].length * 5 });
    const fits = (lines: readonly string[]) => lines.every((line) => [...line].length * 5 <= 100);
    const subject = measure.lines(LONG_SUBJECT, 100, 'regular', 8);
    expect(fits(subject)).toBe(true);
    expect(subject.join(' ')).toBe(LONG_SUBJECT);
    const url = `https://example.invalid/${'x'.repeat(60)}`;
    const cut = measure.lines(`Xem ${url}`, 100, 'regular', 8);
    expect(fits(cut)).toBe(true);
    expect(cut.join('')).toBe(`Xem${url}`);
    expect(measure.lines('Như trên;\n\nLưu:  VT.', 100, 'regular', 8)).toEqual(['Như trên;', '', 'Lưu: VT.']);
  });

  it('finds the fonts in node_modules, or in VANTHU_PDF_FONT_DIR when set', () => {
    const fonts = registerFontFiles();
    expect(path.basename(fonts.regular)).toBe('DejaVuSans.ttf');
    expect(path.basename(fonts.bold)).toBe('DejaVuSans-Bold.ttf');
    expect(existsSync(fonts.regular) && existsSync(fonts.bold)).toBe(true);
    process.env.VANTHU_PDF_FONT_DIR = '/var/task';
    try {
      expect(registerFontFiles()).toEqual({ regular: '/var/task/DejaVuSans.ttf', bold: '/var/task/DejaVuSans-Bold.ttf' });
    } finally {
      delete process.env.VANTHU_PDF_FONT_DIR;
    }
  });
});

const poppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!poppler && process.env.CI === 'true') throw new Error('pdftotext is missing on CI: .ci/run installs poppler-utils');
if (!poppler) console.warn('pdftotext not found: the poppler checks of the register PDF are skipped (apt-get install -y poppler-utils)');

describe.skipIf(!poppler)('the register PDF as poppler reads it (pdftotext, pdfinfo, pdffonts)', () => {
  let dir = '';
  const printed = async (name: string, subject: RegisterBook): Promise<{ file: string; pages: number }> => {
    const file = path.join(dir, `${name}.pdf`);
    const chunks: Uint8Array[] = [];
    const { pages } = await renderRegisterPdf(subject, (chunk) => void chunks.push(chunk));
    await writeFile(file, Buffer.concat(chunks));
    return { file, pages };
  };
  /** Text per page; `raw` keeps content-stream order, so a wrapped cell comes back as consecutive lines. */
  const pageTexts = (file: string, mode: '-layout' | '-raw'): string[] =>
    execFileSync('pdftotext', [mode, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  const flat = (text: string): string => text.replace(/\s+/g, ' ');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-register-pdf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives back the cover, the headers on every table page, and the cells exactly', async () => {
    const { file, pages } = await printed('outgoing', book());
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`^Pages:\\s+${pages}$`, 'm'));
    expect(info).toMatch(/^Page size:\s+841\.89 x 595\.28 pts \(A4\)/m);
    expect(pages).toBeGreaterThan(2);
    const [cover = '', ...tablePages] = pageTexts(file, '-layout');
    expect(tablePages).toHaveLength(pages - 1);
    for (const expected of ['[MẪU] SỞ NỘI VỤ', '000.00.91.H26', 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', 'Sổ Quyết định', 'Năm 2026', 'Từ số 01 đến số 30']) expect(cover).toContain(expected);
    expect(cover).not.toContain('MẬT');
    tablePages.forEach((text, i) => {
      for (const header of ['Số ký hiệu', 'Tên loại và trích yếu', 'Người ký', 'Nơi nhận', 'Ký nhận', 'Ghi chú']) expect(text).toContain(header);
      expect(text).toContain(`Trang ${i + 2}/${pages}`);
      expect(text).toContain('[MẪU] Sở Nội vụ – In lúc 03/12/2026 09:15');
    });
    const all = tablePages.join('\n');
    for (const cell of ['07/QĐ-UBND', '30/QĐ-UBND', 'Đỗ Thị Hương', 'Như trên;', 'Lưu: VT.', 'Văn phòng Sở']) expect(all).toContain(cell);
    const raw = flat(pageTexts(file, '-raw').join(' '));
    expect(raw).toContain(SUBJECT);
    expect(raw).toContain(flat(LONG_SUBJECT));
    expect(raw).toContain('Nguyễn Thị Ánh'.normalize('NFC'));
    expect(raw).toContain('Ưu tiên xử lý ngay');
    expect(raw).toContain('Như trên; UBND phường Hoàn Kiếm; Lưu: VT.');
    expect(raw).not.toContain(NFD_SIGNER);
  });

  it('embeds every font as a subset with a Unicode map', async () => {
    const { file } = await printed('fonts', book());
    const table = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(table.length).toBeGreaterThanOrEqual(2);
    for (const line of table) {
      expect(line).toMatch(/\+DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
    }
  });

  it('marks a secret register MẬT on the cover and on every page', async () => {
    const { file, pages } = await printed('secret', book({ seriesName: 'Văn bản mật', secret: true }));
    const texts = pageTexts(file, '-layout');
    expect(texts).toHaveLength(pages);
    for (const text of texts) expect(text).toContain('MẬT');
    expect(texts[0]).toContain('Văn bản mật');
  });

  it('carries a row taller than a page over the next pages, headers repeated, no line lost', async () => {
    const recipients = Array.from({ length: 120 }, (_, i) => `Phường số ${i + 1};`);
    const [first = {}] = rows(1);
    const { file, pages } = await printed('tall', book({ rows: [first, { ...first, 'Số ký hiệu': '02/QĐ-UBND', 'Nơi nhận': recipients.join('\n') }, first] }));
    expect(pages).toBeGreaterThanOrEqual(4);
    const texts = pageTexts(file, '-raw');
    for (const text of texts.slice(1)) expect(text).toContain('Tên loại và trích yếu');
    // Raw order puts a cell's first line after the row's other cells on the same line.
    const lines = texts
      .join('\n')
      .split('\n')
      .map((line) => line.trim());
    expect(recipients.map((r) => lines.filter((line) => line === r || line.endsWith(` ${r}`)).length)).toEqual(recipients.map(() => 1));
  });

  it('says so on the cover of an empty register', async () => {
    const { file, pages } = await printed('empty', book({ rows: [], fromNumber: undefined, toNumber: undefined }));
    expect(pages).toBe(2);
    const [cover = '', headers = ''] = pageTexts(file, '-layout');
    expect(cover).toContain('Sổ chưa có văn bản nào');
    expect(cover).not.toContain('Từ số');
    expect(headers).toContain('Tên loại và trích yếu');
    expect(headers).toContain('Trang 2/2');
  });
});
