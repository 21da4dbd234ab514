/**
 * End-to-end exchange time for 1,000 documents from a city agency to another system through the local
 * axis simulator (and 200 back), with a clean axis and with 20 % injected faults: issuing, sending,
 * the peer's 03 answers applied, inbound registered and answered.
 */
import { startTestApi } from '../support/api.ts';
import { runExchange } from '../support/exchange-scenario.ts';
import type { BenchSection } from './run.ts';

const N = Number(process.env.BENCH_EXCHANGE ?? 1000);

export async function run(): Promise<BenchSection> {
  const rows: Record<string, string | number>[] = [];
  for (const [name, switches] of [
    ['clean axis', undefined],
    [
      '20 % faults (10 % errors, 5 % hangs, 5 % commit-then-fail) + 20 % duplicate listings',
      { errorRate: 0.1, timeoutRate: 0.05, commitThenFailRate: 0.05, duplicateListingRate: 0.2, reorder: true, seed: 7, maxHangMs: 1000 },
    ],
  ] as const) {
    process.env.AXIS_TIMEOUT_MS = '400';
    const api = await startTestApi({ scheduleSpeedup: 120, ...(switches === undefined ? {} : { axisSwitches: switches }) });
    try {
      const result = await runExchange(api, { outbound: N, inbound: Math.ceil(N / 5), deadlineMs: 1_200_000 });
      const complete = result.deliveries.filter((items) => items[0]?.status === '03').length;
      rows.push({
        axis: name,
        documents: `${N} out, ${Math.ceil(N / 5)} in`,
        'issue (draft→issued) s': result.issueSeconds.toFixed(1),
        'end to end s': result.totalSeconds.toFixed(1),
        'out delivered and answered': `${complete}/${N}`,
        'in registered once': `${new Set(result.arrived.map((d) => d.source.documentId)).size}/${Math.ceil(N / 5)}`,
      });
    } finally {
      await api.runtime.close();
    }
  }
  return {
    title: `End-to-end exchange of ${N} documents through the axis simulator (local runtime, one process)`,
    rows,
    notes: ['Local consumers run 4 batches at once per queue; minute schedules run every 0.5 s here.'],
  };
}
