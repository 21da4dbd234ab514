/**
 * A word index on the single table (docs/DATA.md, "Search"): one posting per word of an entry, in the
 * word's partition, sorted by the entry's position (a document's `<createdAt>#<id>`, newest first; an
 * agency's `<folded name>#<code>`, by name); the vocabulary of a space; the pending item a write puts in its
 * own transaction; the manifest of what is indexed of an entry. The items are built here; they are written by
 * ./search-reconcile.ts and read by ./search-query.ts.
 */
import { SCHEMA_VERSION, type Key } from './keys.ts';

/** The word every entry has: its postings list every entry (a search with no word). */
export const EVERY_ENTRY = '*';

/** Where one collection's index lives (documents of one agency; the agency directory). */
export interface IndexSpace {
  /** The partition of a word's postings: this prefix and the word. */
  readonly postings: string;
  /** The partition of the words ever indexed here (prefix searches find their words in it). */
  readonly vocabulary: string;
  /** The partition of the entries written but not yet reconciled. */
  readonly pending: string;
  /** Positions from last to first (documents: newest first), or first to last (agencies: by name). */
  readonly descending: boolean;
}

/** What `reconcile` indexes: an entry as just committed. */
export interface IndexEntry {
  readonly id: string;
  readonly position: string;
  readonly words: readonly string[];
  readonly version: number;
  /** Equality filters a search may apply to postings (a document's direction). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Where the entry's indexed state is kept. */
  readonly manifest: Key;
}

/** The pending item of an entry, to be put in the transaction that writes the entry. */
export function pendingItem(tableName: string, space: IndexSpace, entry: Pick<IndexEntry, 'id' | 'position' | 'version'>) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: space.pending,
        sk: entry.id,
        entity: 'SearchPending',
        schemaVersion: SCHEMA_VERSION,
        position: entry.position,
        version: entry.version,
        // When it was written: the sweeper finishes the pending items older than a minute.
        at: new Date().toISOString(),
      },
    },
  };
}

/** The words an entry is indexed under: its own and EVERY_ENTRY. */
export function indexedWords(entry: Pick<IndexEntry, 'words'>): string[] {
  return [...new Set([EVERY_ENTRY, ...entry.words])];
}

/** The posting of `entry` under `word` (each posting carries all the entry's `words`, so a search filters on them). */
export function postingItem(space: IndexSpace, entry: IndexEntry, word: string, words: readonly string[] = indexedWords(entry)): Record<string, unknown> {
  return {
    pk: `${space.postings}${word}`,
    sk: entry.position,
    entity: 'SearchPosting',
    schemaVersion: SCHEMA_VERSION,
    id: entry.id,
    version: entry.version,
    words: ` ${words.join(' ')} `,
    ...entry.tags,
  };
}

/** What the index keeps of an entry: the words it is indexed under, at which version and position. */
export function manifestItem(entry: IndexEntry, words: readonly string[] = indexedWords(entry)): Record<string, unknown> {
  return {
    ...entry.manifest,
    entity: 'SearchManifest',
    schemaVersion: SCHEMA_VERSION,
    version: entry.version,
    position: entry.position,
    words,
    ...(entry.tags === undefined ? {} : { tags: entry.tags }),
  };
}

/** `items` in parts of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
