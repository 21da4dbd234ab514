/**
 * Every handler bundle's size and cold import time (registration throughput: documents.bench.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { functions } from '#infra/definitions';
import { repositoryRoot } from '#infra/local/runtime';
import type { BenchSection } from './run.ts';
import { median } from './tools.ts';


export async function run(): Promise<BenchSection> {
  return bundles();
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

