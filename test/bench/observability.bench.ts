/**
 * Issue 19: what Powertools' Logger and Metrics add to a cold start. Real handler bundles built as deployed,
 * against the same bundles with layers/observability swapped for the hand-written logger it replaced (one
 * JSON line per event, one EMF line per datum), imported and invoked once in fresh processes, the two
 * alternating so that both see the same machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { bundleOptions } from '#infra/bundling';
import { functions } from '#infra/definitions';
import { repositoryRoot } from '#infra/local/runtime';
import type { BenchSection } from './run.ts';
import { median } from './tools.ts';

export async function run(): Promise<BenchSection> {
  return coldStarts();
}

const out = path.join(repositoryRoot, '.bench', 'observability');

/** The logger of layers/observability/log.ts before Powertools (commit 626e3d3), reduced to what handlers call. */
const handWritten = `
const service = process.env.SERVICE_NAME ?? 'vanthu';
export const SERVICE = 'vanthu';
export const METRICS_NAMESPACE = 'Vanthu';
export function serviceVersion() { return process.env.VANTHU_VERSION ?? 'dev'; }
export function createLogger(base = {}) {
  const write = (level, message, fields = {}) => process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), service, message, ...base, ...fields }) + '\\n');
  return { debug: (m, f) => write('debug', m, f), info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f), child: (f) => createLogger({ ...base, ...f }) };
}
export function emitMetric(name, value, unit, dimensions = {}) {
  process.stdout.write(JSON.stringify({ _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'Vanthu', Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: unit }] }] }, service, ...dimensions, [name]: value }) + '\\n');
}
export function inInvocationScope(_scope, run) { return run(); }
export class MetricBatch { add() {} write() {} }
`;
const handWrittenInvocation = `
export async function instrument(_context, _fields, run) { return run(); }
export function instrumented(operation, handler) { return Object.assign((event, context) => handler(event, context), { instrumented: operation }); }
`;

/** Resolves layers/observability to the hand-written logger (the baseline bundle). */
function baselineObservability(dir: string): Plugin {
  writeFileSync(path.join(dir, 'log.mjs'), handWritten);
  writeFileSync(path.join(dir, 'invocation.mjs'), handWrittenInvocation);
  return {
    name: 'baseline-observability',
    setup(b) {
      b.onResolve({ filter: /(^#observability\/(log|invocation)$)|(observability\/(log|invocation)\.ts$)/ }, (args) => ({
        path: path.join(dir, `${args.path.includes('invocation') ? 'invocation' : 'log'}.mjs`),
      }));
    },
  };
}

async function bundle(entry: string, outfile: string, plugins: Plugin[] = []): Promise<number> {
  await build({ entryPoints: [entry], outfile, ...bundleOptions(repositoryRoot), plugins, logLevel: 'silent' });
  return statSync(outfile).size / 1024;
}

/** Milliseconds a fresh `node` takes to import the bundle and answer one invocation, its output discarded. */
function coldInvocation(file: string, event: unknown): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)});
const context = { functionName: 'bench', awsRequestId: 'r-1', memoryLimitInMB: '512', getRemainingTimeInMillis: () => 29000 };
await m.handler(${JSON.stringify(event)}, context).catch(() => undefined);
process.stderr.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, LOG_LEVEL: 'info', VANTHU_METRICS: '', AWS_REGION: 'ap-southeast-1', TABLE_NAME: 'bench', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(/([0-9.]+)$/.exec(result.stderr)?.[1]);
  if (!Number.isFinite(ms)) throw new Error(`${file}: no time measured (${result.stderr.slice(-300)})`);
  return ms;
}

/** Medians of 15 cold invocations of each bundle, alternating between them. */
function coldPair(a: string, b: string, event: unknown): [number, number] {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    first.push(coldInvocation(a, event));
    second.push(coldInvocation(b, event));
  }
  return [median(first), median(second)];
}

const httpEvent = { rawPath: '/health', requestContext: { requestId: 'bench-1', http: { method: 'GET' } }, headers: {} };

async function coldStarts(): Promise<BenchSection> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const plugin = baselineObservability(out);
  const chosen = ['health', 'get-document', 'register-incoming', 'axis-sender', 'deadline-watcher'];
  const rows: Record<string, string>[] = [];
  const addedKib: number[] = [];
  const addedMs: number[] = [];
  for (const name of chosen) {
    const fn = functions.find((f) => f.name === name);
    if (fn === undefined) continue;
    const entry = path.join(repositoryRoot, fn.entry);
    const withPowertools = path.join(out, `${name}.mjs`);
    const baseline = path.join(out, `${name}-baseline.mjs`);
    const kib = await bundle(entry, withPowertools);
    const baseKib = await bundle(entry, baseline, [plugin]);
    const event = fn.trigger.kind === 'http' ? httpEvent : fn.trigger.kind === 'queue' ? { Records: [] } : { time: new Date().toISOString() };
    const [ms, baseMs] = coldPair(withPowertools, baseline, event);
    addedKib.push(kib - baseKib);
    addedMs.push(ms - baseMs);
    rows.push({
      function: name,
      'bundle KiB (Powertools)': kib.toFixed(0),
      'bundle KiB (hand-written)': baseKib.toFixed(0),
      'added KiB': (kib - baseKib).toFixed(1),
      'import + first invocation ms (Powertools)': ms.toFixed(1),
      'same, hand-written': baseMs.toFixed(1),
      'added ms': (ms - baseMs).toFixed(1),
    });
  }
  return {
    title: 'Issue 19: cold-start cost of Powertools Logger and Metrics',
    rows,
    notes: [
      `Added per function: median ${median(addedKib).toFixed(1)} KiB of bundle, ${median(addedMs).toFixed(1)} ms of import and first invocation (medians over the functions above, each the median of 15 fresh processes).`,
      'Baseline in the same run: the same handler bundled with layers/observability swapped for the hand-written logger it replaced (esbuild plugin).',
      'An HTTP handler answers a /health-shaped event (others refuse it quickly), a queue consumer an empty batch, a schedule one run against no table (it fails after logging): the cost measured is loading and the first log and metric lines, not the work.',
    ],
  };
}
