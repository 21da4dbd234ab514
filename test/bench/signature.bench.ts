import { imagePdf } from '../support/large-pdf.ts';
/**
 * PDF signature verification speed and memory, beside poppler's `pdfsig` on the same files in the same
 * run: every file of the public corpus (../shared/fixtures/pdf-signatures, outside the repository; without
 * it the corpus sections say so and stay empty) plus two generated, signed files of ~1 MB and ~10 MB. Ours
 * runs in-process (first call "cold", then the median of 5); pdfsig runs as a process (median of 3), so its
 * column includes process start-up, also shown alone. The last section lists every corpus file where our
 * verdict and pdfsig's differ, with our decisive reason.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDevPki, issueCrl } from '#signature/dev/pki';
import { signPdfDev } from '#signature/dev/sign-pdf';
import type { VerificationReport } from '#signature/report';
import { verifyPdfSignatures } from '#signature/verify';
import { SHARED_FIXTURES_SKIPPED, sharedFixture, sharedFixturesPresent } from '../support/shared-fixtures.ts';
import type { BenchSection } from './run.ts';

const exec = promisify(execFile);
const MB = 1024 * 1024;
const corpusDir = sharedFixture('pdf-signatures');
const NOW = new Date();

interface Measured {
  readonly name: string;
  readonly bytes: number;
  readonly report: VerificationReport;
  readonly coldMs: number;
  readonly oursMs: number;
  readonly pdfsig: { ms: number; valid: boolean; lines: string[] } | undefined;
}

export async function run(): Promise<BenchSection[]> {
  const pdfsigStartMs = await pdfsigStartup();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-signature-bench-'));
  try {
    const files = await corpusFiles();
    const generated = await generatedFiles(dir);
    const heap = { peak: 0 };
    const corpus: Measured[] = [];
    for (const file of files) corpus.push(await measure(file.name, file.path, [], heap));
    const large: Measured[] = [];
    for (const file of generated.files) large.push(await measure(file.name, file.path, [generated.root], heap));
    const usage = process.resourceUsage();
    return [
      ifCorpus(timingSection('PDF signature verification: public corpus, ours vs pdfsig', corpus, pdfsigStartMs)),
      timingSection('PDF signature verification: generated signed files (2 signatures each)', large, pdfsigStartMs),
      {
        title: 'PDF signature verification: memory',
        rows: [{ 'peak RSS of the bench process (MB)': (usage.maxRSS / 1024).toFixed(0), 'peak heap used after a verification (MB)': (heap.peak / MB).toFixed(0) }],
        notes: ['Measured in the bench process, which also holds the files and the test PKI; heap sampled after each verification.'],
      },
      ifCorpus(differences(corpus)),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(name: string, file: string, anchors: Uint8Array[], heap: { peak: number }): Promise<Measured> {
  const bytes = new Uint8Array(await readFile(file));
  const verify = () => verifyPdfSignatures(bytes, { trustAnchors: anchors, now: NOW });
  let start = performance.now();
  const report = await verify();
  const coldMs = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    start = performance.now();
    await verify();
    times.push(performance.now() - start);
    heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed);
  }
  return { name, bytes: bytes.length, report, coldMs, oursMs: median(times), pdfsig: await runPdfsig(file) };
}

function timingSection(title: string, measured: readonly Measured[], pdfsigStartMs: number | undefined): BenchSection {
  const rows = measured.map((m) => ({
    file: m.name,
    KB: Math.round(m.bytes / 1024),
    signatures: m.report.signatures.length + m.report.documentTimestamps.length,
    'our verdict': m.report.verdict,
    'ours cold ms': m.coldMs.toFixed(1),
    'ours ms': m.oursMs.toFixed(1),
    'ours ms/MB': (m.oursMs / (m.bytes / MB)).toFixed(1),
    'pdfsig ms': m.pdfsig === undefined ? 'n/a' : m.pdfsig.ms.toFixed(1),
    'ours / pdfsig': m.pdfsig === undefined ? 'n/a' : (m.oursMs / m.pdfsig.ms).toFixed(2),
  }));
  const sum = (f: (m: Measured) => number): number => measured.reduce((s, m) => s + f(m), 0);
  const totalMb = sum((m) => m.bytes) / MB;
  const notes = [
    `Total: ours ${sum((m) => m.oursMs).toFixed(0)} ms for ${totalMb.toFixed(1)} MB (${(sum((m) => m.oursMs) / totalMb).toFixed(0)} ms/MB); pdfsig ${pdfsigStartMs === undefined ? 'not installed' : `${sum((m) => m.pdfsig?.ms ?? 0).toFixed(0)} ms`}.`,
    pdfsigStartMs === undefined
      ? 'pdfsig (poppler-utils) is not installed: its columns are n/a.'
      : `pdfsig runs as \`pdfsig -no-ocsp FILE\` (no trust anchors, no network); a bare \`pdfsig -v\` start-up takes ${pdfsigStartMs.toFixed(1)} ms of each pdfsig figure.`,
    'ours: in-process, no trust anchors (corpus) or the test root (generated); "cold" is the first call for that file, the main figure the median of the next 5 (certificate parsing is memoised across calls).',
    'pdfsig checks digest and signature value per signature only; ours also parses both revisions and classifies every object changed after each signature.',
  ];
  return { title, rows, notes };
}

/** INDETERMINATE sub-indications that only say "cannot be trusted yet", not "not intact". */
const TRUST_ONLY = new Set(['NO_CERTIFICATE_CHAIN_FOUND', 'TRY_LATER', 'OUT_OF_BOUNDS_NO_POE', 'OUT_OF_BOUNDS_NOT_REVOKED', 'REVOKED_NO_POE', 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);

function differences(measured: readonly Measured[]): BenchSection {
  const unverified = measured.filter((m) => m.report.documentTimestamps.length > 0 && m.pdfsig?.lines.includes('Signature has not yet been verified.')).map((m) => m.name);
  const rows = measured.flatMap((m) => {
    if (m.pdfsig === undefined) return [];
    const intact = (s: VerificationReport['signatures'][number]): boolean =>
      !s.modifiedAfterSigning && (s.indication === 'TOTAL_PASSED' || (s.indication === 'INDETERMINATE' && TRUST_ONLY.has(s.subIndication ?? '')));
    const oursIntact = m.report.signatures.length > 0 && m.report.signatures.every(intact);
    if (oursIntact === m.pdfsig.valid) return [];
    const decisive = m.report.signatures.find((s) => s.indication === 'TOTAL_FAILED' || s.modifiedAfterSigning);
    return [
      {
        file: m.name,
        pdfsig: m.pdfsig.lines.join(' / ') || '(no signature)',
        ours: m.report.signatures.map((s) => `${s.indication}${s.subIndication === undefined ? '' : `/${s.subIndication}`}`).join(', '),
        'our reason': (
          decisive?.reasons.find((r) => r.startsWith('TOTAL_FAILED')) ??
          decisive?.changesAfterSigning.find((c) => c.category === 'undefined')?.description ??
          ''
        ).slice(0, 160),
      },
    ];
  });
  return {
    title: "PDF signature verification: corpus files where our verdict and pdfsig's differ",
    rows,
    notes: [
      'pdfsig counts as "valid" when its signatures say "Signature is Valid." (document timestamps it cannot check, "not yet verified", are ignored); ours when every signature is TOTAL_PASSED or INDETERMINATE only for trust (no anchor, no revocation data, weak algorithm) and none was modified after signing. Why each difference is right: docs/SIGNATURES.md.',
      `pdfsig also leaves the RFC 3161 document timestamps of ${unverified.join(', ') || 'no file'} "not yet verified"; we check their imprint and signature (INDETERMINATE without a TSA trust anchor).`,
    ],
  };
}

async function runPdfsig(file: string): Promise<Measured['pdfsig']> {
  const times: number[] = [];
  let stdout = '';
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    try {
      stdout = (await exec('pdfsig', ['-no-ocsp', file], { maxBuffer: 16 * MB })).stdout;
    } catch (error) {
      const failed = error as { code?: string | number; stdout?: string };
      if (failed.code === 'ENOENT') return undefined;
      stdout = failed.stdout ?? '';
    }
    times.push(performance.now() - start);
  }
  const lines = [...stdout.matchAll(/Signature Validation: (.*)|The signature form field is not signed\./g)].map((m) => m[1] ?? 'not signed');
  const signed = lines.filter((l) => l !== 'not signed');
  const checked = signed.filter((l) => l !== 'Signature has not yet been verified.');
  return { ms: median(times), valid: checked.length > 0 && checked.every((l) => l === 'Signature is Valid.'), lines };
}

async function pdfsigStartup(): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    try {
      await exec('pdfsig', ['-v']);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
    }
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The corpus files named by its manifest; none when the shared fixtures are absent. */
async function corpusFiles(): Promise<{ name: string; path: string }[]> {
  if (!sharedFixturesPresent) return [];
  const manifest = JSON.parse(await readFile(path.join(corpusDir, 'manifest.json'), 'utf8')) as { file: string }[];
  return manifest.map((entry) => ({ name: entry.file, path: path.join(corpusDir, entry.file) }));
}

/** A corpus section, or only its title and why it is empty when the shared fixtures are absent. */
function ifCorpus(section: BenchSection): BenchSection {
  return sharedFixturesPresent ? section : { title: section.title, rows: [], notes: [`Public corpus ${SHARED_FIXTURES_SKIPPED}.`] };
}

/** A one-page PDF carrying an image of `size` random bytes, signed by the leader then the agency. */
async function generatedFiles(dir: string): Promise<{ root: Uint8Array; files: { name: string; path: string }[] }> {
  const pki = createDevPki({ now: NOW, signers: [{ name: 'leader' }, { name: 'agency' }] });
  const crl = issueCrl(pki.root, [], new Date(NOW.getTime() - 60_000));
  const files: { name: string; path: string }[] = [];
  for (const size of [1 * MB, 10 * MB]) {
    let pdf = imagePdf(size);
    for (const name of ['leader', 'agency']) {
      const signer = pki.signers.get(name);
      if (signer === undefined) throw new Error(`no ${name}`);
      pdf = signPdfDev(pdf, { signer, chain: [pki.root.certificate], signingTime: new Date(NOW.getTime() - 30_000), fieldName: `Signature-${name}`, crls: [crl] });
    }
    const file = path.join(dir, `generated-${size / MB}MB.pdf`);
    await writeFile(file, pdf);
    files.push({ name: `generated ${size / MB} MB`, path: file });
  }
  return { root: pki.root.certificate, files };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
