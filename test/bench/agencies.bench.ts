/**
 * Catalogue import: a synthetic 120,000-agency catalogue (SAMPLE codes, generated here) streamed as JSON
 * text through the import use case into the local runtime's table — rows/s and peak memory, then the same
 * file again (everything unchanged: the idempotent path).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dependencies } from '#adapters/dependencies';
import { readJsonArray } from '#adapters/json-array-stream';
import { importCatalogue, type ImportReport } from '#app/agencies/import-catalogue';
import { startLocalRuntime } from '#infra/local/runtime';
import type { BenchSection } from './run.ts';
import { watchMemory } from './tools.ts';

const ROWS = Number(process.env.BENCH_AGENCY_ROWS ?? 120_000);

export async function run(): Promise<BenchSection> {
  // On disk (leveldb), so the emulator's data does not sit on this process's heap beside the import.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-agencies-'));
  const runtime = await startLocalRuntime({ port: 0, seed: false, dataDir });
  try {
    const deps = runtime.inFunction('import-agencies', dependencies);
    const ctx = { principal: { sub: 'bench', organId: '000.00.00.H26', roles: ['city-admin' as const], name: 'bench' }, correlationId: 'bench' };
    const rows: Record<string, string | number>[] = [];
    for (const pass of ['first import (all created)', 'second import (all unchanged)']) {
      global.gc?.();
      const memory = watchMemory();
      const start = performance.now();
      const report: ImportReport = await importCatalogue(deps, ctx, readJsonArray(catalogueText(ROWS)));
      const seconds = (performance.now() - start) / 1000;
      const peak = memory.stop();
      rows.push({
        pass,
        rows: report.total,
        created: report.created,
        unchanged: report.unchanged,
        rejected: report.rejected,
        'rows/s': (report.total / seconds).toFixed(0),
        seconds: seconds.toFixed(1),
        'peak RSS MiB': (peak.rss / 2 ** 20).toFixed(0),
        'peak heap MiB': (peak.heap / 2 ** 20).toFixed(0),
      });
    }
    return {
      title: `Agency catalogue import, ${ROWS.toLocaleString('en')} rows (local runtime, embedded dynalite)`,
      rows,
      notes: [
        'The catalogue is generated as JSON text chunks and never held whole; rows are compared and written in chunks of 100 (BatchGet + transactions of 25 rows, each with its history entry).',
        "The emulator keeps its data on disk (leveldb) in this bench, so the heap figures are the import's own: one chunk of rows at a time, not the file.",
      ],
    };
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** SAMPLE codes: level-1 blocks H01–H63 and G01–G30, units 01–40 / 01–33 below them. */
function* catalogueText(count: number): Generator<string> {
  yield '[';
  let i = 0;
  outer: for (let l1 = 0; l1 < 93; l1 += 1) {
    const letter = l1 < 63 ? `H${String(l1 + 1).padStart(2, '0')}` : `G${String(l1 - 62).padStart(2, '0')}`;
    for (let l2 = 1; l2 <= 40; l2 += 1) {
      for (let l3 = 1; l3 <= 33; l3 += 1) {
        if (i >= count) break outer;
        const code102 = `000.${String(l3).padStart(2, '0')}.${String(l2).padStart(2, '0')}.${letter}`;
        yield `${i === 0 ? '' : ','}{"id":${i + 1},"pid":null,"code":"${letter}.${String(l2).padStart(2, '0')}.${String(l3).padStart(2, '0')}","code102":"${code102}","name":"[MẪU] Cơ quan thử nghiệm số ${i + 1}","mail":"sample${i}@example.invalid"}`;
        i += 1;
      }
    }
  }
  yield ']';
}
