import { describe, expect, it } from 'vitest';
import { FaultInjector, mulberry32 } from '#infra/local/axis-simulator/switches';

function decisions(faults: FaultInjector, n: number): string[] {
  return Array.from({ length: n }, () => faults.decide().kind);
}

describe('FaultInjector', () => {
  it('repeats the same faults for the same seed, and others for another seed', () => {
    const a = decisions(new FaultInjector({ errorRate: 0.3, timeoutRate: 0.1, seed: 7 }), 200);
    const b = decisions(new FaultInjector({ errorRate: 0.3, timeoutRate: 0.1, seed: 7 }), 200);
    const c = decisions(new FaultInjector({ errorRate: 0.3, timeoutRate: 0.1, seed: 8 }), 200);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('injects faults at about the configured rates', () => {
    const kinds = decisions(new FaultInjector({ errorRate: 0.2, timeoutRate: 0.05, seed: 3 }), 10_000);
    const share = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
    expect(share('error')).toBeGreaterThan(0.18);
    expect(share('error')).toBeLessThan(0.22);
    expect(share('hang')).toBeGreaterThan(0.04);
    expect(share('hang')).toBeLessThan(0.06);
  });

  it('always fails at rate 1 and never at rate 0', () => {
    expect(new Set(decisions(new FaultInjector({ errorRate: 1 }), 50))).toEqual(new Set(['error']));
    expect(new Set(decisions(new FaultInjector({ timeoutRate: 1 }), 50))).toEqual(new Set(['hang']));
    expect(new Set(decisions(new FaultInjector({}), 50))).toEqual(new Set(['proceed']));
  });

  it('draws latency within the range and restarts the sequence when the seed is set', () => {
    const faults = new FaultInjector({ latencyMs: [10, 20], seed: 5 });
    const first = Array.from({ length: 20 }, () => faults.latency());
    faults.set({ seed: 5 });
    const again = Array.from({ length: 20 }, () => faults.latency());
    expect(first.every((ms) => ms >= 10 && ms <= 20)).toBe(true);
    expect(again).toEqual(first);
    expect(faults.set({ latencyMs: 15 }).latencyMs).toEqual([15, 15]);
  });

  it('shuffles only when reorder is on, keeping every item', () => {
    const faults = new FaultInjector({ seed: 11 });
    const items = Array.from({ length: 30 }, (_, i) => i);
    expect(faults.reorder([...items])).toEqual(items);
    faults.set({ reorder: true });
    const shuffled = faults.reorder([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it.each([[{ errorRate: 1.5 }], [{ latencyMs: [20, 10] }], [{ unknown: true }], [{ maxHangMs: 0 }]])('refuses %j and keeps the switches', (change) => {
    const faults = new FaultInjector({ errorRate: 0.5 });
    expect(() => faults.set(change as never)).toThrowError();
    expect(faults.switches.errorRate).toBe(0.5);
  });
});

describe('mulberry32', () => {
  it('gives numbers in [0, 1) from a seed, deterministically', () => {
    const a = mulberry32(42);
    const values = Array.from({ length: 1_000 }, () => a());
    const b = mulberry32(42);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(b()).toBe(values[0]);
    expect(new Set(values).size).toBeGreaterThan(990);
  });
});
