import type { CounterChange } from './counters.ts';

/** Counter rows of one year. */
export interface CounterRow {
  readonly organId: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** An actor's counters in an agency (history actions performed), with the name of their latest counted action. */
export interface PersonCounterRow extends CounterRow {
  readonly sub: string;
  readonly name?: string;
}

/** The counters of a person or unit responsible for work in an agency (counters.ts, assigneeMetrics). */
export interface AssigneeCounterRow extends CounterRow {
  /** `person:<sub>` or `unit:<…>` (routing.ts assigneeKey). */
  readonly key: string;
  readonly kind: 'person' | 'unit';
  readonly name?: string;
}

/** Every counter item of a year, rebuilt from the history (the backfill writes them over the stored ones). */
export interface RebuiltCounters {
  readonly agencies: readonly CounterRow[];
  readonly people: readonly PersonCounterRow[];
  readonly assignees: readonly AssigneeCounterRow[];
}

/** The KPI counters port (reads, and the backfill's replacement). */
export interface KpiStore {
  /** The counters of a year of every agency of the directory that has some (read by key, agency by agency). */
  agencyCounters(year: number): Promise<readonly CounterRow[]>;
  /** The people of an agency and their counters by history action. */
  personCounters(year: number, organId: string): Promise<readonly PersonCounterRow[]>;
  /** The people and units responsible for an agency's work and their counters. */
  assigneeCounters(year: number, organId: string): Promise<readonly AssigneeCounterRow[]>;
  /** Adds a change outside a document transaction (a delivery handed to a channel). */
  add(change: CounterChange): Promise<void>;
  /**
   * Overwrites every counter item of a year (agency, person, assignee) with rebuilt ones, and removes the
   * items of the year the rebuild did not produce, in the partitions of the directory's agencies and of the
   * rebuilt ones (backfill).
   */
  replaceCounters(year: number, rebuilt: RebuiltCounters): Promise<void>;
}
