import { LimitExceededError } from './errors.ts';

/**
 * A time budget shared by every parser working on one file. Parsers call `check()` inside their loops,
 * so a hostile file (deep nesting, endless /Prev chains, huge xref tables) ends with a
 * `LimitExceededError` instead of a hang: synchronous code cannot be interrupted from outside.
 */
export class Budget {
  private ticks = 0;

  constructor(
    private readonly deadline: number,
    private readonly clock: () => number = performance.now.bind(performance),
  ) {}

  static forMillis(maxMillis: number, clock: () => number = performance.now.bind(performance)): Budget {
    return new Budget(clock() + maxMillis, clock);
  }

  /** Throws once the deadline has passed; reads the clock only every 64 calls to stay cheap. */
  check(): void {
    this.ticks += 1;
    if ((this.ticks & 63) !== 0) return;
    this.checkNow();
  }

  checkNow(): void {
    if (this.clock() > this.deadline) throw new LimitExceededError('time', 'verification took longer than the allowed time');
  }

  /** Milliseconds left, at least 0. */
  remaining(): number {
    return Math.max(0, this.deadline - this.clock());
  }
}

/** Nesting of arrays/dictionaries accepted in one object; real PDFs stay far below. */
export const MAX_NESTING = 128;
/** Largest decoded stream we inflate (object and xref streams, DSS entries). */
export const MAX_DECODED_STREAM_BYTES = 64 * 2 ** 20;
/** Length of a /Prev chain of cross-reference sections. */
export const MAX_XREF_SECTIONS = 4096;
/** Highest object number accepted in a cross-reference section. */
export const MAX_OBJECT_NUMBER = 8_388_607;
