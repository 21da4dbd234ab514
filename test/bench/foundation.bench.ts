/**
 * Foundation numbers: every handler bundle's size and cold import time, and incoming registration
 * throughput through the local runtime's HTTP API at concurrency 16, beside raw emulator PutItem/s
 * measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/clients';
import { functions } from '#infra/definitions';
import { repositoryRoot } from '#infra/local/runtime';
import { incomingBody, startTestApi } from '../support/api.ts';
import type { BenchSection } from './run.ts';

const CONCURRENCY = 16;
const DOCUMENTS = 2000;

export async function run(): Promise<BenchSection[]> {
  return [await bundles(), await registration()];
}

async function bundles(): Promise<BenchSection> {
  const out = path.join(repositoryRoot, '.bench', 'bundles');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rows = [];
  for (const fn of functions.filter((f) => f.localOnly !== true)) {
    const file = path.join(out, `${fn.name}.mjs`);
    await build({
      entryPoints: [path.join(repositoryRoot, fn.entry)],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      external: ['@aws-sdk/*'],
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const samples = [1, 2, 3].map(() => Number(execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`], { env: { ...process.env, TABLE_NAME: 't', BUCKET_NAME: 'b' } }).toString()));
    rows.push({ function: fn.name, 'bundle KiB': (statSync(file).size / 1024).toFixed(1), 'cold import ms (median of 3)': median(samples).toFixed(1) });
  }
  return { title: 'Handler bundles (esbuild, ESM, minified, @aws-sdk/* external as provided by nodejs22.x)', rows, notes: ['Cold import: a fresh `node` process importing the bundle, AWS SDK resolved from node_modules.'] };
}

async function registration(): Promise<BenchSection> {
  const api = await startTestApi();
  try {
    const client = dynamoDocumentClient();
    let requests = 0;
    client.middlewareStack.add((next) => async (args) => ((requests += 1), next(args)), { step: 'initialize', name: 'countRequests' });

    const rawStart = performance.now();
    await pool(DOCUMENTS, async (i) => {
      await client.send(new PutCommand({ TableName: api.runtime.names.tableName, Item: { pk: `BENCH#${i}`, sk: 'RAW', value: i, text: 'x'.repeat(400) } }));
    });
    const rawPerSecond = DOCUMENTS / ((performance.now() - rawStart) / 1000);

    const rows: Record<string, string | number>[] = [];
    for (const shape of ['one agency (one shared counter)', '16 agencies'] as const) {
      const tokens = await Promise.all(
        Array.from({ length: shape === '16 agencies' ? 16 : 1 }, (_, a) => api.token({ sub: `bench-${a}`, organId: `000.${String(90 + (a % 10)).padStart(2, '0')}.9${Math.floor(a / 10)}.H26`, roles: ['clerk'] })),
      );
      requests = 0;
      const latencies: number[] = [];
      const start = performance.now();
      await pool(DOCUMENTS, async (i) => {
        const t = performance.now();
        const response = await api.request('POST', '/documents/incoming', { token: tokens[i % tokens.length] ?? '', body: incomingBody({ codeNumber: `${shape.length}${i}` }) });
        if (response.status !== 201) throw new Error(`registration failed: ${response.status}`);
        latencies.push(performance.now() - t);
      });
      const perSecond = DOCUMENTS / ((performance.now() - start) / 1000);
      latencies.sort((a, b) => a - b);
      rows.push({
        workload: `register ${DOCUMENTS} incoming, ${shape}`,
        'documents/s': perSecond.toFixed(0),
        'raw PutItem/s': rawPerSecond.toFixed(0),
        ratio: (perSecond / rawPerSecond).toFixed(2),
        'p50 ms': percentile(latencies, 0.5).toFixed(1),
        'p99 ms': percentile(latencies, 0.99).toFixed(1),
        'DynamoDB requests / registration': (requests / DOCUMENTS).toFixed(2),
      });
    }
    return {
      title: `Incoming registration through HTTP at concurrency ${CONCURRENCY} (local runtime, embedded dynalite)`,
      rows,
      notes: ['Each registration is one TransactWriteItems (counter + document + history event + duplicate marker); the counter value is cached per process, so a fresh read happens only after a lost race.'],
    };
  } finally {
    await api.runtime.close();
  }
}

async function pool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await task(i);
      }
    }),
  );
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
