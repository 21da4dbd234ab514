import type { CounterChange } from './counters.ts';

/** Counter rows of one year. */
export interface CounterRow {
  readonly organId: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** The KPI counters port (reads, and the backfill's replacement). */
export interface KpiStore {
  /** The counters of a year of every agency of the directory that has some (read by key, agency by agency). */
  agencyCounters(year: number): Promise<readonly CounterRow[]>;
  /** The people of an agency and their counters. */
  personCounters(year: number, organId: string): Promise<readonly (CounterRow & { readonly sub: string })[]>;
  /** Adds a change outside a document transaction (a delivery handed to a channel). */
  add(change: CounterChange): Promise<void>;
  /** Overwrites the agency counters of a year with rebuilt ones, removing the directory agencies' others (backfill). */
  replaceAgencyCounters(year: number, rows: readonly CounterRow[]): Promise<void>;
}
