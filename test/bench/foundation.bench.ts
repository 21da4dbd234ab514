/**
 * Every handler bundle as deployed (infra/bundling.ts: ESM, minified, the AWS SDK inside), its size and its
 * cold import time, against a bundle of only the AWS SDK clients that handler uses, built and imported the
 * same way in the same run (registration throughput: documents.bench.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundleOptions, engines, type EngineName } from '#infra/bundling';
import { functions } from '#infra/definitions';
import { repositoryRoot } from '#infra/local/runtime';
import type { BenchSection } from './run.ts';
import { median } from './tools.ts';

export async function run(): Promise<BenchSection> {
  return bundles();
}

const out = path.join(repositoryRoot, '.bench', 'bundles');

async function bundle(entry: string, outfile: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    ...bundleOptions(repositoryRoot),
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** Milliseconds a fresh `node` takes to import the file (median of 3). */
function coldImport(file: string): number {
  const samples = [1, 2, 3].map(() =>
    Number(
      execFileSync(process.execPath, [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`,
      ]).toString(),
    ),
  );
  return median(samples);
}

/** The AWS SDK client packages a bundle holds. */
function sdkClients(metafile: Metafile): string[] {
  const packages = Object.keys(metafile.inputs).map((input) => /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb|s3-request-presigner))\//.exec(input)?.[1]);
  return [...new Set(packages.filter((p): p is string => p !== undefined))].sort();
}

const baselineExports: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-s3': 'S3Client',
  '@aws-sdk/s3-request-presigner': 'getSignedUrl',
  '@aws-sdk/client-sqs': 'SQSClient',
  '@aws-sdk/client-kms': 'KMSClient',
  '@aws-sdk/client-sesv2': 'SESv2Client',
};

async function bundles(): Promise<BenchSection> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const baselines = new Map<string, { kib: number; ms: number }>();
  const engineKib = new Map<EngineName, number>();
  for (const name of Object.keys(engines) as EngineName[]) {
    const file = path.join(out, `engine-${name}.mjs`);
    await bundle(path.join(repositoryRoot, engines[name]), file);
    engineKib.set(name, statSync(file).size / 1024);
  }
  const rows: Record<string, string>[] = [];
  const sizes: number[] = [];
  for (const fn of functions.filter((f) => f.localOnly !== true)) {
    const file = path.join(out, `${fn.name}.mjs`);
    const metafile = await bundle(path.join(repositoryRoot, fn.entry), file);
    const kib = statSync(file).size / 1024;
    sizes.push(kib);
    const clients = sdkClients(metafile);
    const key = clients.join(' ');
    if (!baselines.has(key)) {
      const entry = path.join(out, `sdk-${baselines.size}.ts`);
      writeFileSync(entry, `${clients.map((c) => `export { ${baselineExports[c] ?? '*'} } from '${c}';`).join('\n')}\n`);
      const baseline = path.join(out, `sdk-${baselines.size}.mjs`);
      await bundle(entry, baseline);
      baselines.set(key, { kib: statSync(baseline).size / 1024, ms: coldImport(baseline) });
    }
    const sdk = baselines.get(key) ?? { kib: 0, ms: 0 };
    const ms = coldImport(file);
    rows.push({
      function: fn.name,
      'bundle KiB': kib.toFixed(0),
      'SDK clients': clients.map((c) => c.replace('@aws-sdk/', '')).join(', ') || '—',
      'engines KiB (on first use)': (fn.engines ?? []).map((name) => `${name} ${(engineKib.get(name) ?? 0).toFixed(0)}`).join(', ') || '—',
      'SDK-only KiB': sdk.kib.toFixed(0),
      'cold import ms': ms.toFixed(1),
      'SDK-only ms': sdk.ms.toFixed(1),
      ratio: sdk.ms > 0 ? (ms / sdk.ms).toFixed(2) : '—',
    });
  }
  const sorted = [...sizes].sort((a, b) => a - b);
  return {
    title: 'Handler bundles as deployed (infra/bundling.ts: ESM, minified, AWS SDK bundled; source maps apart)',
    rows,
    notes: [
      `${sizes.length} bundles: median ${median(sizes).toFixed(0)} KiB, largest ${(sorted.at(-1) ?? 0).toFixed(0)} KiB, smallest ${(sorted[0] ?? 0).toFixed(0)} KiB.`,
      `Engines, each a file beside the bundles that load it on first use: ${[...engineKib].map(([name, kib]) => `${name} ${kib.toFixed(0)} KiB`).join(', ')}.`,
      'Cold import: a fresh `node` process importing the bundle (median of 3). SDK-only: a bundle of just the SDK clients the handler holds, built with the same options, imported the same way in the same run; ratio = handler / SDK-only.',
    ],
  };
}
