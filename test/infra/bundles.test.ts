/**
 * The Lambda bundles, built as deployed (infra/bundling.ts): each function ships exactly the engines its
 * handler imports, and no bundle outgrows the budget of issue 14 (median ≤ 400 KiB, largest ≤ 900 KiB,
 * source maps apart), raised by issue 19 to a median of 440 KiB for Powertools' Logger and Metrics, which
 * every function carries (32.5 KiB measured, `npm run bench -- observability`). Sizes, not times: the
 * cold-import times are measured by `npm run bench -- foundation`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, engines, type EngineName } from '#infra/bundling';
import { functions } from '#infra/definitions';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(tmpdir(), 'vanthu-bundles-'));
const built = new Map<string, { kib: number; engines: string[] }>();

async function bundle(entry: string, outfile: string) {
  const result = await build({
    entryPoints: [path.join(repositoryRoot, entry)],
    outfile,
    ...bundleOptions(repositoryRoot),
    metafile: true,
    logLevel: 'silent',
  });
  const imported = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((i) => i.external && i.path.startsWith('#engines/')).map((i) => i.path.slice('#engines/'.length)),
  );
  return { kib: statSync(outfile).size / 1024, engines: [...new Set(imported)].sort() };
}

beforeAll(async () => {
  for (const fn of functions.filter((f) => f.localOnly !== true)) built.set(fn.name, await bundle(fn.entry, path.join(out, `${fn.name}.mjs`)));
  for (const name of Object.keys(engines) as EngineName[]) built.set(`engine:${name}`, await bundle(engines[name], path.join(out, `engine-${name}.mjs`)));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the Lambda bundles', () => {
  it('ship with each function exactly the engines its handler imports', () => {
    for (const fn of functions.filter((f) => f.localOnly !== true)) {
      expect(built.get(fn.name)?.engines, fn.name).toEqual([...(fn.engines ?? [])].sort());
    }
  });

  it('keep engines to themselves: no engine imports another', () => {
    for (const name of Object.keys(engines)) expect(built.get(`engine:${name}`)?.engines, name).toEqual([]);
  });

  it('stay within the size budget: median ≤ 440 KiB, every bundle and engine ≤ 900 KiB', () => {
    const handlers = functions.filter((f) => f.localOnly !== true).map((f) => built.get(f.name)?.kib ?? Number.POSITIVE_INFINITY);
    const sorted = [...handlers].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(440);
    const over = [...built].filter(([, b]) => b.kib > 900).map(([name, b]) => `${name} ${b.kib.toFixed(0)} KiB`);
    expect(over).toEqual([]);
  });
});
