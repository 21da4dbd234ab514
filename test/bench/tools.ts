/** Shared measuring tools of the bench modules. */
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Runs `task(0..count-1)` with `concurrency` workers. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await task(i);
      }
    }),
  );
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Latencies of timed calls, summarised. */
export class Latencies {
  private readonly samples: number[] = [];

  async time<T>(call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      this.samples.push(performance.now() - start);
    }
  }

  summary(): { p50: string; p99: string } {
    const sorted = [...this.samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5).toFixed(1), p99: percentile(sorted, 0.99).toFixed(1) };
  }
}

/** Peak RSS and heap while a piece of work runs (sampled every `intervalMs`, 50 ms unless told). */
export function watchMemory(intervalMs = 50): { stop(): { rss: number; heap: number } } {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { rss, heap };
    },
  };
}

/** What a child process measured around one piece of work (MiB, except `ms`). */
export interface WorkMemory {
  /** RSS when the measuring began: the process with its code loaded, before the warm-up. */
  readonly startRssMb: number;
  /** RSS after the warm-up and a full collection: what the work's growth is measured from. */
  readonly baselineMb: number;
  /** Highest RSS of the process: the larger of getrusage's maxRSS and the samples taken during the work. */
  readonly peakRssMb: number;
  /** Highest heapUsed sampled during the work. */
  readonly peakHeapMb: number;
  readonly ms: number;
  /** CPU time of the process (all its threads, user and system) during the work. */
  readonly cpuMs: number;
}

/**
 * Runs `warmUp` (the same code path on a small input), collects garbage (when run with --expose-gc), then
 * `work` while sampling memory every `intervalMs`. For a child process that does nothing else.
 */
export async function measureAfterWarmUp<T>(warmUp: () => Promise<unknown>, work: () => Promise<T>, intervalMs = 50): Promise<{ result: T; memory: WorkMemory }> {
  const MiB = 1024 * 1024;
  const startRssMb = process.memoryUsage().rss / MiB;
  await warmUp();
  (globalThis as { gc?: () => void }).gc?.();
  const baselineMb = process.memoryUsage().rss / MiB;
  const memory = watchMemory(intervalMs);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  const peak = memory.stop();
  const peakRssMb = Math.max(process.resourceUsage().maxRSS / 1024, peak.rss / MiB);
  return { result, memory: { startRssMb, baselineMb, peakRssMb, peakHeapMb: peak.heap / MiB, ms, cpuMs: (cpuUsed.user + cpuUsed.system) / 1000 } };
}

/** Writes the items of `count` entries with BatchWriteItem, 16 requests at a time. */
export async function bulkWrite(client: DynamoDBDocumentClient, tableName: string, count: number, itemsOf: (i: number) => Record<string, unknown>[]): Promise<void> {
  const chunk = 200;
  await pool(Math.ceil(count / chunk), 16, async (c) => {
    const unique = new Map<string, Record<string, unknown>>();
    for (let i = c * chunk; i < Math.min(count, (c + 1) * chunk); i += 1) for (const item of itemsOf(i)) unique.set(`${String(item.pk)}\u0000${String(item.sk)}`, item);
    const items = [...unique.values()];
    for (let i = 0; i < items.length; i += 25) {
      let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] | undefined = items
        .slice(i, i + 25)
        .map((item) => ({ PutRequest: { Item: item } }));
      while (requests !== undefined && requests.length > 0) {
        const result: BatchWriteCommandOutput = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = result.UnprocessedItems?.[tableName];
      }
    }
  });
}
