import type { IndexingReport, Page } from '../documents/store.ts';
import type { AgencyLevel } from './code.ts';
import type { OrganisationUnit } from './unit.ts';
import type { SearchWords } from '../search/words.ts';

/** One entry of a unit's change history, written with the change. */
export interface UnitChange {
  readonly at: string;
  readonly by: { readonly sub: string; readonly name: string };
  readonly source: 'api' | 'import' | 'sample';
  readonly before: Partial<OrganisationUnit> | null;
  readonly after: Partial<OrganisationUnit>;
}

export interface AgencyQuery {
  readonly parent?: string;
  readonly level?: AgencyLevel;
  /** The words the units must hold (layers/domain/search/words.ts): answered from the word index, by name. */
  readonly words?: SearchWords;
  readonly limit: number;
  readonly nextToken?: string;
}

/** The agency directory port; the DynamoDB adapter implements it. */
export interface AgencyStore {
  get(code102: string): Promise<OrganisationUnit | undefined>;
  getByQd20(qd20: string): Promise<OrganisationUnit | undefined>;
  getMany(codes102: readonly string[]): Promise<ReadonlyMap<string, OrganisationUnit>>;
  list(query: AgencyQuery): Promise<Page<OrganisationUnit>>;
  history(code102: string): Promise<readonly (UnitChange & { readonly version: number })[]>;
  /** Indexes for search the units whose write left them pending before `before` (see DocumentStore.finishIndexing). */
  finishIndexing(before: string, timeLeftMs: () => number): Promise<IndexingReport>;
  /**
   * Writes units and their history entries; a unit of version 1 must not exist yet, a later version must
   * find the previous one. Returns, per unit, whether it was saved or lost to a concurrent change.
   */
  save(changes: readonly { readonly unit: OrganisationUnit; readonly change: UnitChange }[]): Promise<readonly ('saved' | 'conflict')[]>;
}
