/**
 * Search over the agency directory (docs/DATA.md, "Search"): the word index of ./search-index.ts with one
 * space for the whole directory, by name. Parent and level are checked on each candidate as stored now.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AgencyQuery } from '#domain/agency/store';
import type { OrganisationUnit } from '#domain/agency/unit';
import type { IndexingReport, Page } from '#domain/documents/store';
import { wordsOf } from '#domain/search/words';
import { foldVietnamese } from '#domain/text';
import { createLogger } from '#observability/log';
import { type Key, stripStorage } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { type IndexEntry, type IndexSpace, pendingItem } from './search-index.ts';
import { search } from './search-query.ts';
import { finishPending, rebuild, type RebuildReport, reconcile } from './search-reconcile.ts';

const log = createLogger({ component: 'agency-search' });

export const agencySpace: IndexSpace = { postings: 'ATERM#', vocabulary: 'AWORDS', pending: 'AINDEXQ', descending: false };

/** The directory's position of a unit: by folded name, then code. */
export function agencyPosition(unit: Pick<OrganisationUnit, 'name' | 'code102'>): string {
  return `${foldVietnamese(unit.name)}#${unit.code102}`;
}

/** What an agency is found by: the words of its name and of its code in both notations. */
export function agencyEntry(unit: OrganisationUnit): IndexEntry {
  return {
    id: unit.code102,
    position: agencyPosition(unit),
    words: agencyWords(unit),
    version: unit.version,
    // Both follow from the code, which never changes: a search by parent or level filters the postings.
    tags: { level: String(unit.level), ...(unit.parentCode102 === null ? {} : { parent: unit.parentCode102 }) },
    manifest: agencyManifest(unit.code102),
  };
}

export function agencyWords(unit: Pick<OrganisationUnit, 'name' | 'code102' | 'qd20'>): string[] {
  return wordsOf(`${unit.name} ${unit.code102} ${unit.qd20}`);
}

export function agencyManifest(code102: string): Key {
  return { pk: `AGENCY#${code102}`, sk: 'SEARCH' };
}

export function agencyPending(tableName: string, unit: OrganisationUnit) {
  return pendingItem(tableName, agencySpace, agencyEntry(unit));
}

/** Indexes units just committed; a failure is logged and left to their pending items. */
export async function indexAgencies(client: DynamoDBDocumentClient, tableName: string, units: readonly OrganisationUnit[]): Promise<void> {
  await Promise.all(
    units.map(async (unit) => {
      try {
        await reconcile(client, tableName, agencySpace, agencyEntry(unit));
      } catch (error) {
        log.warn('search index left pending', { code102: unit.code102, version: unit.version, error });
      }
    }),
  );
}

/** A page of the directory matching `query.words`, by name; parent and level as filters. */
export async function searchAgencies(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: AgencyQuery,
  load: (codes: readonly string[]) => Promise<readonly Record<string, unknown>[]>,
): Promise<Page<OrganisationUnit>> {
  const scope = { index: '', partition: 'AGENCYSEARCH', bound: JSON.stringify({ words: query.words, parent: query.parent, level: query.level }), sealed: true };
  const after = query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, scope).sk;
  const result = await search(client, tableName, agencySpace, {
    ...(query.words === undefined ? {} : { words: query.words }),
    ...(after === undefined ? {} : { after }),
    tags: { ...(query.level === undefined ? {} : { level: String(query.level) }), ...(query.parent === undefined ? {} : { parent: query.parent }) },
    limit: query.limit,
    load,
    describe: (item) => {
      const unit = stripStorage<OrganisationUnit>(item);
      return { id: unit.code102, position: agencyPosition(unit), words: new Set(agencyWords(unit)) };
    },
    accept: (item) => (query.parent === undefined || item.parentCode102 === query.parent) && (query.level === undefined || item.level === query.level),
  });
  return {
    items: result.items.map((item) => stripStorage<OrganisationUnit>(item)),
    ...(result.after === undefined ? {} : { nextToken: encodePageToken({ sk: result.after }, scope) }),
  };
}

/** Indexes the units left pending before `before` (AgencyStore.finishIndexing); `load` reads a stored unit. */
export function finishAgencyIndexing(
  client: DynamoDBDocumentClient,
  tableName: string,
  before: string,
  timeLeftMs: () => number,
  load: (code102: string) => Promise<OrganisationUnit | undefined>,
): Promise<IndexingReport> {
  return finishPending(client, tableName, agencySpace, {
    before,
    timeLeftMs,
    load: async (code102) => {
      const unit = await load(code102);
      return unit === undefined ? undefined : agencyEntry(unit);
    },
  });
}

/** Rebuilds the directory's index from the units as stored (`vanthu search-index rebuild --directory`). */
export function rebuildAgencyIndex(client: DynamoDBDocumentClient, tableName: string, units: AsyncIterable<OrganisationUnit>): Promise<RebuildReport> {
  return rebuild(client, tableName, agencySpace, mapped(units, agencyEntry), agencyManifest);
}

async function* mapped<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncIterable<U> {
  for await (const item of items) yield f(item);
}
