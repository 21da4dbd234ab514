/** Time and identity come from injected ports so that rules (year boundaries, deadlines) are testable. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique id; ids sort by creation time. */
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };
