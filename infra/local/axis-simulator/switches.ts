/**
 * The fault switches of the axis simulator and the seeded random source behind every decision, so that a
 * test run with the same seed and the same request order sees the same faults.
 */
import * as z from 'zod';

const rate = z.number().min(0).max(1);
const millis = z.number().int().min(0).max(600_000);

/** Partial switches as accepted at start, by `setSwitches` and by `POST /_sim/switches`. */
export const switchesInputSchema = z
  .object({
    /** Added to every VDXP answer: a fixed delay or a `[min, max]` range drawn uniformly. */
    latencyMs: z.union([millis, z.tuple([millis, millis])]),
    /** Share of requests answered 500 or 503 before anything happens. */
    errorRate: rate,
    /** Share of requests never answered, until the client gives up or `maxHangMs` passes (then 504). */
    timeoutRate: rate,
    /**
     * Share of requests that take effect and are then answered 500: the client sees a failure of an
     * operation that happened (a sent package that exists, an acknowledgement that counted).
     */
    commitThenFailRate: rate,
    /** Chance, per listed item and per recently acknowledged item, of appearing (again) in a listing. */
    duplicateListingRate: rate,
    /** Shuffle every listing. */
    reorder: z.boolean(),
    /** Seed of the random source; setting it restarts the sequence. */
    seed: z.number().int(),
    /** Upper bound of a hang, so that a hung request never outlives the test. */
    maxHangMs: millis.min(1),
  })
  .partial()
  .strict()
  .refine((s) => !Array.isArray(s.latencyMs) || s.latencyMs[0] <= s.latencyMs[1], { message: 'latencyMs range: min must not exceed max', path: ['latencyMs'] });

export type SwitchesInput = z.input<typeof switchesInputSchema>;

export interface Switches {
  readonly latencyMs: readonly [number, number];
  readonly errorRate: number;
  readonly timeoutRate: number;
  readonly commitThenFailRate: number;
  readonly duplicateListingRate: number;
  readonly reorder: boolean;
  readonly seed: number;
  readonly maxHangMs: number;
}

export const defaultSwitches: Switches = {
  latencyMs: [0, 0],
  errorRate: 0,
  timeoutRate: 0,
  commitThenFailRate: 0,
  duplicateListingRate: 0,
  reorder: false,
  seed: 1,
  maxHangMs: 35_000,
};

/** What happens to one request before it reaches the operation. */
export type FaultDecision = { readonly kind: 'proceed' } | { readonly kind: 'error'; readonly httpStatus: 500 | 503 } | { readonly kind: 'hang' };

/** The current switches and the random source; every random choice of the simulator goes through here. */
export class FaultInjector {
  private current: Switches;
  private random: () => number;

  constructor(initial: SwitchesInput = {}) {
    this.current = merge(defaultSwitches, initial);
    this.random = mulberry32(this.current.seed);
  }

  get switches(): Switches {
    return this.current;
  }

  /** Applies a partial change; a `seed` restarts the random sequence. Throws a ZodError on bad input. */
  set(change: SwitchesInput): Switches {
    this.current = merge(this.current, change);
    if (change.seed !== undefined) this.random = mulberry32(this.current.seed);
    return this.current;
  }

  latency(): number {
    const [min, max] = this.current.latencyMs;
    return min === max ? min : Math.round(min + this.random() * (max - min));
  }

  decide(): FaultDecision {
    const { timeoutRate, errorRate } = this.current;
    if (timeoutRate === 0 && errorRate === 0) return { kind: 'proceed' };
    const draw = this.random();
    if (draw < timeoutRate) return { kind: 'hang' };
    if (draw < timeoutRate + errorRate) return { kind: 'error', httpStatus: this.random() < 0.5 ? 500 : 503 };
    return { kind: 'proceed' };
  }

  failAfterCommit(): boolean {
    return this.current.commitThenFailRate > 0 && this.random() < this.current.commitThenFailRate;
  }

  /** True with the duplicate-listing probability. */
  duplicate(): boolean {
    return this.current.duplicateListingRate > 0 && this.random() < this.current.duplicateListingRate;
  }

  /** Fisher–Yates with the seeded source, when `reorder` is on; otherwise the list unchanged. */
  reorder<T>(items: T[]): T[] {
    if (!this.current.reorder) return items;
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      const a = items[i];
      const b = items[j];
      if (a === undefined || b === undefined) continue;
      items[i] = b;
      items[j] = a;
    }
    return items;
  }
}

function merge(base: Switches, change: SwitchesInput): Switches {
  const parsed = switchesInputSchema.parse(change);
  const { latencyMs, ...rest } = parsed;
  const range: readonly [number, number] | undefined = latencyMs === undefined ? undefined : Array.isArray(latencyMs) ? [latencyMs[0], latencyMs[1]] : [latencyMs, latencyMs];
  return { ...base, ...rest, ...(range === undefined ? {} : { latencyMs: range }) };
}

/** A small, fast, seedable PRNG (public domain, Tommy Ettinger); quality is ample for fault injection. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
