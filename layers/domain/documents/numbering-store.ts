import type { NumberingConfig } from './numbering.ts';
import type { CounterGuard, RegisterCounter, RegisterStart } from './numbering-change.ts';

/**
 * The numbering port: an agency's numbering configuration and the counters of its series (docs/DATA.md,
 * patterns 26–28). The numbers themselves are taken in the transaction that writes the document
 * (DocumentStore.commitNumbered); this port reads and reconfigures.
 */
export interface NumberingStore {
  /** The agency's numbering configuration (none until an administrator sets it) and its version. */
  numbering(organId: string): Promise<StoredNumbering>;
  /** The last số đến of the year in each incoming series (0 when none). */
  arrivalCounters(organId: string, year: number): Promise<{ main: number; secret: number }>;
  /** Every register counter of the agency for a year: configured registers and the system's series. */
  registerCounters(organId: string, year: number): Promise<RegisterCounter[]>;
  /**
   * Saves a configuration if the stored one is still `expectedVersion` and every guarded counter is as it
   * was planned on (no number given in between), with the starts of registers that continue a numbering.
   */
  saveNumbering(
    organId: string,
    input: { config: NumberingConfig; expectedVersion: number; guards: readonly CounterGuard[]; starts: readonly RegisterStart[] },
  ): Promise<'saved' | 'conflict'>;
}

export interface StoredNumbering {
  readonly config?: NumberingConfig;
  /** 0 while nothing is stored. */
  readonly version: number;
}
