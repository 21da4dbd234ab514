/** Shared measuring tools of the bench modules. */

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
  return percentile([...values].sort((a, b) => a - b), 0.5);
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

/** Peak RSS and heap while a piece of work runs (sampled every 50 ms). */
export function watchMemory(): { stop(): { rss: number; heap: number } } {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { rss, heap };
    },
  };
}
