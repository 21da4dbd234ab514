/**
 * edXML build and parse throughput on a ~5 MB and a ~50 MB package generated here (random attachment bytes,
 * in a temp dir), beside fast-xml-parser's DOM parse of the same files in the same run, and the peak memory
 * of each parser on the 50 MB package. Memory is measured in a child process per parser (this same file,
 * run with EDXML_BENCH_CHILD set) so one measurement does not inherit the other's heap.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { buildEdoc, parseEdxml, type EdocBuildInput } from '#edxml/index';
import type { BenchSection } from './run.ts';

const MB = 1024 * 1024;
const here = fileURLToPath(import.meta.url);
/** The 50 MB fast-xml-parser child gets this heap; it is skipped (and said so) if it needs more or takes longer. */
const FXP_HEAP_MB = 4096;
const FXP_TIMEOUT_MS = 30_000;

const header: EdocBuildInput = {
  from: { organId: '000.00.00.H26', organName: 'UBND thành phố Hà Nội (mẫu)' },
  to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ (mẫu)' }],
  documentId: '000.00.00.H26,2026/01/05,15/QĐ-UBND',
  code: { codeNumber: '15', codeNotation: 'QĐ-UBND' },
  promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-01-05' },
  subject: 'V/v gói tin mẫu để đo hiệu năng',
};

interface ChildReport {
  readonly ms: number;
  readonly baselineMb: number;
  readonly peakMb: number;
}

export async function run(): Promise<BenchSection> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-edxml-bench-'));
  try {
    const rows: Record<string, string | number>[] = [];
    const notes: string[] = [];
    await warmUp(path.join(dir, 'warm-up.edxml'));
    for (const attachmentMb of [3.7, 37]) {
      const file = path.join(dir, `package-${attachmentMb}.edxml`);
      const payload = randomBytes(Math.round(attachmentMb * MB));
      const build = await best(2, () => timeBuild(payload, file));
      const size = (await stat(file)).size;
      const parse = await best(attachmentMb < 10 ? 3 : 2, () => timeParse(file));
      const row: Record<string, string | number> = {
        package: `${(size / MB).toFixed(1)} MB (1 attachment of ${attachmentMb} MB)`,
        'build MB/s': rate(size, build),
        'parse MB/s (streaming, SHA-256)': rate(size, parse),
      };
      if (attachmentMb < 10) {
        const xml = await readFile(file);
        const fxp = await best(2, async () => time(() => new XMLParser({ ignoreAttributes: false, processEntities: false }).parse(xml)));
        row['fast-xml-parser MB/s (DOM)'] = rate(size, fxp);
        row['parse ÷ fast-xml-parser'] = `${(fxp / parse).toFixed(1)}×`;
      } else {
        const ours = await child('parse', file);
        const fxp = await child('fxp', file).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        row['parse peak RSS Δ'] = `${(ours.peakMb - ours.baselineMb).toFixed(0)} MB`;
        if (fxp instanceof Error) {
          row['fast-xml-parser MB/s (DOM)'] = 'skipped';
          notes.push(`fast-xml-parser on the 50 MB package was skipped: ${fxp.message}`);
        } else {
          row['fast-xml-parser MB/s (DOM)'] = rate(size, fxp.ms);
          row['parse ÷ fast-xml-parser'] = `${(fxp.ms / ours.ms).toFixed(1)}×`;
          row['fast-xml-parser peak RSS Δ'] = `${(fxp.peakMb - fxp.baselineMb).toFixed(0)} MB`;
        }
      }
      rows.push(row);
    }
    notes.push(
      'build: header + streamed base64 of an in-memory payload, SHA-256 per attachment, written to a temp file; parse: file stream → saxes with the payload diverted to an incremental base64 decoder + SHA-256, bytes dropped (no sink).',
      `fast-xml-parser 5 parses the whole file held in memory into a DOM, entities off; on 50 MB it runs in its own process (heap ${FXP_HEAP_MB} MB, ${FXP_TIMEOUT_MS / 1000} s cap). Peak RSS Δ = max RSS minus RSS after start-up, each parser alone in a fresh process.`,
    );
    return { title: 'edXML: build and parse throughput, memory (QCVN 102 packages)', rows, notes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One small build and parse first, so the 5 MB row measures compiled code rather than the JIT warming up. */
async function warmUp(file: string): Promise<void> {
  await timeBuild(randomBytes(MB), file);
  await timeParse(file);
  new XMLParser().parse(await readFile(file));
}

async function timeBuild(payload: Uint8Array, file: string): Promise<number> {
  const started = performance.now();
  await pipeline(
    Readable.from(buildEdoc({ ...header, attachments: [{ contentId: 'cid:1', attachmentName: 'van-ban.pdf', contentType: 'application/pdf', payload }] })),
    createWriteStream(file),
  );
  return performance.now() - started;
}

async function timeParse(file: string): Promise<number> {
  const started = performance.now();
  const pkg = await parseEdxml(createReadStream(file, { highWaterMark: MB }));
  if (pkg.kind !== 'edoc' || pkg.attachments.length !== 1) throw new Error('the bench package did not parse back');
  return performance.now() - started;
}

async function time(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function best(runs: number, measure: () => Promise<number>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) fastest = Math.min(fastest, await measure());
  return fastest;
}

function rate(bytes: number, ms: number): number {
  return Math.round(bytes / MB / (ms / 1000));
}

/** Runs one parser on `file` in a fresh Node process (this module in child mode) and reads its report. */
function child(mode: 'parse' | 'fxp', file: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const heap = mode === 'fxp' ? [`--max-old-space-size=${FXP_HEAP_MB}`] : [];
    const proc = spawn(process.execPath, [...heap, '--import', 'tsx', here], {
      env: { ...process.env, EDXML_BENCH_CHILD: mode, EDXML_BENCH_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), FXP_TIMEOUT_MS);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as ChildReport);
      else reject(new Error(signal === 'SIGKILL' ? `over ${FXP_TIMEOUT_MS / 1000} s` : `exit ${code}: ${err.trim().split('\n').slice(-2).join(' ')}`));
    });
  });
}

/** Child mode: parse the file once with the chosen parser and print timing and memory as JSON. */
async function childMain(mode: string, file: string): Promise<void> {
  const baselineMb = process.memoryUsage().rss / MB;
  const started = performance.now();
  if (mode === 'fxp') new XMLParser({ ignoreAttributes: false, processEntities: false }).parse(await readFile(file));
  else await timeParse(file);
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, baselineMb, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

const childMode = process.env['EDXML_BENCH_CHILD'];
const childFile = process.env['EDXML_BENCH_FILE'];
if (childMode !== undefined && childFile !== undefined && process.argv[1] === here) await childMain(childMode, childFile);
