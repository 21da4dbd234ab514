/**
 * Register PDF: a synthetic outgoing register (SAMPLE entries, generated here, subjects of about 150
 * Vietnamese characters) rendered to a file sink — time, peak memory, file size and pages, at a tenth of
 * the size and at full size, to show that memory does not grow with the row count.
 */
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderRegisterPdf, type RegisterBook } from '#print/register-pdf';
import { sampleRegisterBook } from '../support/register-book.ts';
import type { BenchSection } from './run.ts';
import { watchMemory } from './tools.ts';

const ROWS = Number(process.env.BENCH_REGISTER_ROWS ?? 10_000);

export async function run(): Promise<BenchSection> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-register-pdf-'));
  try {
    const rows: Record<string, string | number>[] = [];
    for (const count of [Math.max(1, Math.round(ROWS / 10)), ROWS]) {
      const file = path.join(dir, `register-${count}.pdf`);
      const handle = await open(file, 'w');
      global.gc?.();
      const memory = watchMemory();
      const start = performance.now();
      try {
        const result = await renderRegisterPdf(book(count), async (chunk) => void (await handle.write(chunk)));
        const seconds = (performance.now() - start) / 1000;
        const peak = memory.stop();
        rows.push({
          rows: result.rows,
          pages: result.pages,
          'rows/s': (result.rows / seconds).toFixed(0),
          seconds: seconds.toFixed(1),
          'file MiB': ((await stat(file)).size / 2 ** 20).toFixed(2),
          'peak RSS MiB': (peak.rss / 2 ** 20).toFixed(0),
          'peak heap MiB': (peak.heap / 2 ** 20).toFixed(0),
        });
      } finally {
        await handle.close();
      }
    }
    return {
      title: `Register PDF (pdfkit, DejaVu Sans subset), ${ROWS.toLocaleString('en')} rows`,
      rows,
      notes: [
        'Rows come from a generator and the PDF goes to a file a page at a time: neither is ever held whole.',
        "pdfkit's per-word layout cache is emptied at each page: without that it keeps every distinct word (numbers, dates), and the peak heap went from 34 MiB at 1,000 rows to 64 MiB at 10,000 (about a quarter faster).",
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function book(count: number): RegisterBook {
  return sampleRegisterBook(entries(count), { toNumber: String(count).padStart(2, '0') });
}

const SUBJECTS = [
  'Quyết định về việc giao dự toán ngân sách năm 2027 cho Ủy ban nhân dân phường Hoàn Kiếm và các đơn vị sự nghiệp trực thuộc; ưu đãi đầu tư',
  'Quyết định phê duyệt kế hoạch tuyển dụng viên chức năm 2027 của Sở Nội vụ thành phố Hà Nội, danh sách thí sinh đủ điều kiện dự tuyển vòng hai',
  'Quyết định về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác cải cách hành chính và chuyển đổi số năm 2026 của thành phố',
];
const SIGNERS = ['Đỗ Thị Hương', 'Nguyễn Văn Thắng', 'Trần Quốc Việt', 'Lê Thị Ánh Tuyết'];

function* entries(count: number): Generator<Record<string, string>> {
  for (let i = 0; i < count; i += 1) {
    const day = `${String((i % 28) + 1).padStart(2, '0')}/${String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')}/2026`;
    yield {
      'Số ký hiệu': `${String(i + 1).padStart(2, '0')}/QĐ-SNV`,
      'Ngày tháng': day,
      'Tên loại và trích yếu': `${SUBJECTS[i % SUBJECTS.length] ?? ''} (số ${i + 1})`,
      'Người ký': SIGNERS[i % SIGNERS.length] ?? '',
      'Nơi nhận': 'Như Điều 3;\nUBND Thành phố;\nLưu: VT, TCCB.',
      'Đơn vị nhận bản lưu': 'Phòng Tổ chức cán bộ',
      'Số lượng bản': String((i % 9) + 2),
      'Ngày chuyển': day,
      'Ký nhận': '',
      'Ghi chú': i % 50 === 0 ? 'Bản điện tử gửi qua Trục liên thông văn bản quốc gia' : '',
    };
  }
}
