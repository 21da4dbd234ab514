import type { Page } from '../documents/store.ts';
import type { RecordEntry, WorkRecord } from './record.ts';

/**
 * The work-record store port; the DynamoDB adapter implements it. Every write is one all-or-nothing
 * transaction and touches only the record's own items: adding a document never writes to the document.
 */
export interface RecordStore {
  /** Writes a new record with its FileCode marker; `duplicate` (nothing written) when the agency already has that FileCode. */
  create(record: WorkRecord): Promise<CreateOutcome>;

  get(id: string): Promise<WorkRecord | undefined>;

  getMany(ids: readonly string[]): Promise<ReadonlyMap<string, WorkRecord>>;

  /** The record's documents in ordinal order. */
  entries(recordId: string): Promise<readonly RecordEntry[]>;

  /**
   * Replaces `previous` by `next` and writes the membership entry, conditional on the stored record still
   * being `previous` (same version) and open. `stale` when it is not (re-read and decide again);
   * `duplicate` when the document is already in the record. Nothing is written unless `added`.
   */
  addDocument(previous: WorkRecord, next: WorkRecord, entry: RecordEntry): Promise<'added' | 'stale' | 'duplicate'>;

  /** Replaces `previous` by the closed `next`, conditional on the stored record still being `previous` and open. */
  close(previous: WorkRecord, next: WorkRecord): Promise<'closed' | 'stale'>;

  /** An agency's records by year and FileCode, optionally of one year. */
  list(query: RecordQuery): Promise<Page<WorkRecord>>;

  /** The records a document is in, with its ordinal in each. */
  membershipsOf(documentId: string): Promise<readonly RecordEntry[]>;
}

export type CreateOutcome = { readonly kind: 'created' } | { readonly kind: 'duplicate'; readonly existingId: string };

export interface RecordQuery {
  readonly organId: string;
  readonly year?: number;
  readonly limit: number;
  readonly nextToken?: string;
}
