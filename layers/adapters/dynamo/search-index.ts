/**
 * A word index on the single table (docs/DATA.md, "Search"): one posting per word of an entry, in the
 * word's partition, sorted by the entry's position (a document's `<createdAt>#<id>`, newest first; an
 * agency's `<folded name>#<code>`, by name). A search reads the postings of its words and answers from
 * them; it never reads an entry that does not hold the query's first word.
 *
 * Exactness:
 * - Every candidate is checked against the entry as it is stored now (BatchGet), so a posting left from an
 *   older version never shows a document that no longer matches.
 * - A write puts a "pending" item of its entry in its own transaction; `reconcile`, run right after the
 *   commit, brings the postings to that version and removes it. A search reads its space's pending items
 *   too, so an entry whose postings are not (yet) written — a crash between the two steps — is still found.
 * - Postings, the entry's manifest (the words indexed and their version) and the pending item are written
 *   with conditions on the version: an older reconcile never overwrites a newer one.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { SearchWords } from '#domain/search/words';
import { ValidationError } from '#domain/errors';
import { SCHEMA_VERSION, type Key } from './keys.ts';
import { labelled, transactWrite, type LabelledItem } from './transaction.ts';
import { queryPages } from './query-all.ts';

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

/** Requests and items a reconcile wrote (the bench reads them). */
export interface ReconcileReport {
  readonly postingsPut: number;
  readonly postingsDeleted: number;
  readonly vocabularyPut: number;
}

const TRANSACTION_ITEMS = 100;
const RECONCILE_ATTEMPTS = 5;

/**
 * Brings the postings of `entry` to its version, then removes its pending item. Does nothing when a newer
 * version is already indexed. Postings are rewritten whole when the words changed (each posting carries
 * all the entry's words, for filtering), removed for words the entry lost, and left alone otherwise.
 */
export async function reconcile(
  client: DynamoDBDocumentClient,
  tableName: string,
  space: IndexSpace,
  entry: IndexEntry,
  options: { readonly rewrite?: boolean } = {},
): Promise<ReconcileReport> {
  const words = indexedWords(entry);
  const rewrite = options.rewrite === true;
  for (let attempt = 1; attempt <= RECONCILE_ATTEMPTS; attempt += 1) {
    // A first version has no manifest yet: not read (if one exists after all, its condition refuses and the next attempt reads it).
    const fresh = attempt === 1 && entry.version === 1 && !rewrite;
    const indexed = fresh ? undefined : (await client.send(new GetCommand({ TableName: tableName, Key: entry.manifest, ConsistentRead: true }))).Item;
    const indexedVersion = typeof indexed?.version === 'number' ? indexed.version : undefined;
    // A write of more than one transaction marks the manifest first (`writing`): see below.
    const writing = typeof indexed?.writing === 'number' ? indexed.writing : undefined;
    const newer =
      (indexedVersion !== undefined && (rewrite ? indexedVersion > entry.version : indexedVersion >= entry.version)) || (writing !== undefined && writing > entry.version);
    if (newer) return { postingsPut: 0, postingsDeleted: 0, vocabularyPut: 0 };
    const before = Array.isArray(indexed?.words) ? (indexed.words as string[]) : [];
    const position = typeof indexed?.position === 'string' ? indexed.position : entry.position;
    const samePosition = position === entry.position;
    // Half of a write that stopped (or goes on) may be in place: every posting is written again.
    const unchanged = !rewrite && writing === undefined && samePosition && sameWords(before, words) && sameTags(indexed?.tags, entry.tags);
    const put = unchanged ? [] : words;
    const removed = before.filter((word) => !words.includes(word) || !samePosition);
    const vocabularyPut = await addToVocabulary(client, tableName, space, put);
    const items: LabelledItem<Part>[] = [
      ...labelled(
        'posting',
        put.map((word) => postingPut(tableName, space, entry, word, words)),
      ),
      ...labelled(
        'removal',
        removed.map((word) => postingDelete(tableName, space, position, word, entry.version)),
      ),
    ];
    const last = [
      { label: 'manifest' as const, item: manifestPut(tableName, entry, words, indexedVersion) },
      { label: 'pending' as const, item: pendingDelete(tableName, space, entry) },
    ];
    const parts: LabelledItem<Part>[][] =
      items.length + last.length <= TRANSACTION_ITEMS
        ? [[...items, ...last]]
        : // Too many items for one transaction: first mark the manifest with this write and every word it may
          // leave a posting for, so that a later write rewrites every posting (never trusting a half-written
          // state) and a rebuild deletes none of them; then the postings; last the removals, the manifest and
          // the pending item. Every step stays conditional on the versions.
          [
            [{ label: 'manifest', item: manifestMark(tableName, entry, indexed, [...new Set([...before, ...words])], position) }],
            ...chunk(items, TRANSACTION_ITEMS),
            last.map((item) => (item.label === 'manifest' ? { ...item, item: manifestPut(tableName, entry, words, indexedVersion ?? 0, entry.version) } : item)),
          ];
    let outcome: 'committed' | 'stale' | 'moved' = 'committed';
    for (const part of parts) {
      const written = await transactWrite(client, part, { subject: `search index of ${entry.id} at version ${entry.version}` });
      if (written.committed) continue;
      // The manifest moved (another reconcile): read it again. Else a posting or the pending item holds a newer
      // version: the newer reconcile indexes the entry.
      outcome = written.refusedBy.includes('manifest') ? 'moved' : 'stale';
      break;
    }
    if (outcome === 'committed') return { postingsPut: put.length, postingsDeleted: removed.length, vocabularyPut };
    if (outcome === 'stale') return { postingsPut: 0, postingsDeleted: 0, vocabularyPut };
  }
  throw new Error(`search index of ${entry.id}: the manifest kept changing for ${RECONCILE_ATTEMPTS} attempts`);
}

type Part = 'posting' | 'removal' | 'manifest' | 'pending';

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

function postingPut(tableName: string, space: IndexSpace, entry: IndexEntry, word: string, words: readonly string[]) {
  return {
    Put: {
      TableName: tableName,
      Item: postingItem(space, entry, word, words),
      ConditionExpression: 'attribute_not_exists(pk) OR version <= :v',
      ExpressionAttributeValues: { ':v': entry.version },
    },
  };
}

function postingDelete(tableName: string, space: IndexSpace, position: string, word: string, version: number) {
  return {
    Delete: {
      TableName: tableName,
      Key: { pk: `${space.postings}${word}`, sk: position },
      ConditionExpression: 'attribute_not_exists(pk) OR version <= :v',
      ExpressionAttributeValues: { ':v': version },
    },
  };
}

/**
 * The manifest of this version, if the one read is still there: `indexedVersion` (none: no manifest yet),
 * not marked by a newer write; `markedBy`: marked by this very write.
 */
function manifestPut(tableName: string, entry: IndexEntry, words: readonly string[], indexedVersion: number | undefined, markedBy?: number) {
  const unmarked = markedBy === undefined ? '(attribute_not_exists(writing) OR writing <= :v)' : 'writing = :v';
  return {
    Put: {
      TableName: tableName,
      Item: manifestItem(entry, words),
      ...(indexedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: `version = :indexed AND ${unmarked}`, ExpressionAttributeValues: { ':indexed': indexedVersion, ':v': entry.version } }),
    },
  };
}

/** Marks the manifest read (or a new one, version 0) with a write of several transactions: `writing` and every word it may touch. */
function manifestMark(tableName: string, entry: IndexEntry, indexed: Record<string, unknown> | undefined, words: readonly string[], position: string) {
  const version = typeof indexed?.version === 'number' ? indexed.version : 0;
  return {
    Put: {
      TableName: tableName,
      Item: { ...(indexed ?? manifestItem(entry, [])), version, words, position, writing: entry.version },
      ...(indexed === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :indexed AND (attribute_not_exists(writing) OR writing <= :v)',
            ExpressionAttributeValues: { ':indexed': version, ':v': entry.version },
          }),
    },
  };
}

function pendingDelete(tableName: string, space: IndexSpace, entry: IndexEntry) {
  return {
    Delete: {
      TableName: tableName,
      Key: { pk: space.pending, sk: entry.id },
      ConditionExpression: 'attribute_not_exists(pk) OR version <= :v',
      ExpressionAttributeValues: { ':v': entry.version },
    },
  };
}

/**
 * Words this process has seen in each vocabulary (words are never removed from one, so this is never
 * wrong, only incomplete): a warm function asks DynamoDB only for words it has not met yet.
 */
const knownWords = new WeakMap<DynamoDBDocumentClient, Map<string, Set<string>>>();
const KNOWN_WORDS_PER_VOCABULARY = 50_000;

/** Puts the words the vocabulary lacks (read first: most words of a new entry are known already). */
async function addToVocabulary(client: DynamoDBDocumentClient, tableName: string, space: IndexSpace, words: readonly string[]): Promise<number> {
  // Per client (a client reaches one table store: a new emulator in the same process gets a new client).
  const vocabularies = knownWords.get(client) ?? new Map<string, Set<string>>();
  knownWords.set(client, vocabularies);
  const cache = vocabularies.get(`${tableName}\u0000${space.vocabulary}`) ?? new Set<string>();
  vocabularies.set(`${tableName}\u0000${space.vocabulary}`, cache);
  const candidates = words.filter((word) => word !== EVERY_ENTRY && !cache.has(word));
  if (candidates.length === 0) return 0;
  const remember = (word: string) => {
    if (cache.size >= KNOWN_WORDS_PER_VOCABULARY) cache.clear();
    cache.add(word);
  };
  const known = new Set<string>();
  for (const part of chunk(candidates, 100)) {
    let keys: Record<string, unknown>[] | undefined = part.map((word) => ({ pk: space.vocabulary, sk: word }));
    for (let attempt = 0; keys !== undefined && keys.length > 0 && attempt < 10; attempt += 1) {
      const result: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'sk' } } }));
      for (const item of result.Responses?.[tableName] ?? []) known.add(String(item.sk));
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  const missing = candidates.filter((word) => !known.has(word));
  for (const part of chunk(missing, 25)) {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] | undefined = part.map((word) => ({
      PutRequest: { Item: { pk: space.vocabulary, sk: word, entity: 'SearchWord', schemaVersion: SCHEMA_VERSION } },
    }));
    for (let attempt = 0; requests !== undefined && requests.length > 0; attempt += 1) {
      if (attempt >= 10) throw new Error(`search vocabulary of ${space.vocabulary}: ${requests.length} words left unprocessed`);
      const result: BatchWriteCommandOutput = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = result.UnprocessedItems?.[tableName];
    }
  }
  for (const word of candidates) remember(word);
  return missing.length;
}

/** What a rebuild did. */
export interface RebuildReport {
  readonly entries: number;
  readonly postingsPut: number;
  readonly postingsDeleted: number;
  /** Postings no manifest accounts for (left by a write that stopped half-way), deleted. */
  readonly orphansDeleted: number;
}

/**
 * Rebuilds a space from its entries as stored: every entry's postings written again and its manifest set
 * (`reconcile` with `rewrite`), then every posting of every word of the vocabulary checked against its
 * entry's manifest and deleted when the manifest does not list it there. Live writes may go on meanwhile:
 * every step is conditional on the versions it read.
 */
export async function rebuild(
  client: DynamoDBDocumentClient,
  tableName: string,
  space: IndexSpace,
  entries: AsyncIterable<IndexEntry>,
  manifestOf: (id: string) => Key,
): Promise<RebuildReport> {
  let count = 0;
  let postingsPut = 0;
  let postingsDeleted = 0;
  for await (const entry of entries) {
    const report = await reconcile(client, tableName, space, entry, { rewrite: true });
    count += 1;
    postingsPut += report.postingsPut;
    postingsDeleted += report.postingsDeleted;
  }
  let orphansDeleted = 0;
  for await (const word of queryPages(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': space.vocabulary },
    ProjectionExpression: 'sk',
  })) {
    const partition = `${space.postings}${String(word.sk)}`;
    const query = {
      TableName: tableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': partition },
      ProjectionExpression: 'pk, sk, #id, version',
      ExpressionAttributeNames: { '#id': 'id' },
    };
    for await (const postings of batches(queryPages(client, query), 100)) {
      const manifests = await getMany(
        client,
        tableName,
        postings.map((posting) => manifestOf(String(posting.id))),
      );
      for (const posting of postings) {
        const manifest = manifests.get(JSON.stringify(manifestOf(String(posting.id))));
        const listed = manifest !== undefined && manifest.position === posting.sk && Array.isArray(manifest.words) && manifest.words.includes(String(word.sk));
        if (listed) continue;
        await client
          .send(
            new DeleteCommand({
              TableName: tableName,
              Key: { pk: posting.pk, sk: posting.sk },
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': posting.version },
            }),
          )
          .then(
            () => (orphansDeleted += 1),
            (error: unknown) => {
              if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
            },
          );
      }
    }
  }
  return { entries: count, postingsPut, postingsDeleted, orphansDeleted };
}

async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The items of these keys, by `JSON.stringify(key)`, read consistently. */
async function getMany(client: DynamoDBDocumentClient, tableName: string, keys: readonly Key[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  for (const part of chunk(unique, 100)) {
    let requested: Record<string, unknown>[] | undefined = part.map((key) => ({ pk: key.pk, sk: key.sk }));
    for (let attempt = 0; requested !== undefined && requested.length > 0; attempt += 1) {
      if (attempt >= 10) throw new Error(`${requested.length} items left unread`);
      const result: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: requested, ConsistentRead: true } } }));
      for (const item of result.Responses?.[tableName] ?? []) found.set(JSON.stringify({ pk: item.pk, sk: item.sk }), item);
      requested = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Searching

/** A search over one space. The store supplies how entries are read and checked. */
export interface SearchRequest {
  /** Undefined: every entry (in position order). */
  readonly words?: SearchWords;
  /** Equality filters on postings (and on the entries: `accept` must check them too). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Inclusive bounds on positions (`high` is extended by '~' to include every position that starts with it). */
  readonly range?: { readonly low?: string; readonly high?: string };
  /** Continue strictly after this position (a page token's). */
  readonly after?: string;
  readonly limit: number;
  /** The stored entries of these ids (any order; missing ones left out). */
  readonly load: (ids: readonly string[]) => Promise<readonly Record<string, unknown>[]>;
  /** The id, position and words of a stored entry as it is now. */
  readonly describe: (item: Record<string, unknown>) => { readonly id: string; readonly position: string; readonly words: ReadonlySet<string> };
  /** Every other condition of the search on a stored entry (filters, need-to-know). */
  readonly accept: (item: Record<string, unknown>) => boolean;
}

export interface SearchResult {
  readonly items: readonly Record<string, unknown>[];
  /** Where the next page starts (strictly after it), when there may be more. */
  readonly after?: string;
}

/** Settings of the search: how much one page may read before it answers with what it has. */
export interface SearchLimits {
  /** Postings read from each list in the first round. */
  readonly probe: number;
  /** Postings read per round when the first round did not fill the page. */
  readonly walk: number;
  /** Rounds after the first, at most. */
  readonly rounds: number;
  /** Whole words of a query read as lists, at most (the others only filter). */
  readonly lists: number;
  /** Words a prefix alone may stand for before it is read through the list of every entry, filtered. */
  readonly completions: number;
  /** The same beside whole words: beyond it the prefix only filters the whole words' postings. */
  readonly completionsBesideWords: number;
}

export const defaultSearchLimits: SearchLimits = { probe: 50, walk: 400, rounds: 8, lists: 6, completions: 16, completionsBesideWords: 4 };

/** One source of candidates: the postings of one word, or the union of several (a prefix's words). */
interface Source {
  readonly words: readonly string[];
  /** The last position read, per word; absent once the word's list is read to its end. */
  cuts: Map<string, string>;
  /** Candidates read and not yet checked, in position order. */
  pending: { id: string; position: string }[];
  /** Every entry of the source up to here (inclusive) has been read; undefined: read to its end. */
  reach: string | undefined;
  done: boolean;
}

/**
 * The first page of `request` (or the page after `request.after`): the entries that match, in position
 * order, each checked as stored now. Reads the postings of the query's words (a prefix through the words
 * of the vocabulary that begin with it), follows the list that reaches furthest, and checks its candidates;
 * a page whose list runs long stops after `limits.rounds` rounds and says where to continue.
 */
export async function search(
  client: DynamoDBDocumentClient,
  tableName: string,
  space: IndexSpace,
  request: SearchRequest,
  limits: SearchLimits = defaultSearchLimits,
): Promise<SearchResult> {
  const order = new Order(space.descending);
  const [sources, pendingEntries] = await Promise.all([sourcesOf(client, tableName, space, request, limits), readPending(client, tableName, space)]);
  const filter = postingFilter(request);

  // Round one: every source's first postings, at once.
  await Promise.all(sources.map((source) => advance(client, tableName, space, source, request, filter, limits.probe, order)));
  const driving = sources.reduce<Source | undefined>((best, source) => (best === undefined || order.further(source.reach, best.reach) ? source : best), undefined);

  const found: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let reach: string | undefined = request.after;
  let exhausted = driving === undefined;
  if (driving !== undefined) {
    for (let round = 0; ; round += 1) {
      const batch = driving.pending.splice(0);
      const accepted = await check(batch, request, request.limit - found.length);
      for (const item of accepted.items) {
        const { id } = request.describe(item);
        if (seen.has(id)) continue;
        seen.add(id);
        found.push(item);
      }
      if (found.length >= request.limit) {
        reach = accepted.lastPosition;
        break;
      }
      if (driving.done) {
        exhausted = true;
        break;
      }
      reach = driving.reach;
      if (round >= limits.rounds) break;
      await advance(client, tableName, space, driving, request, filter, limits.walk, order);
    }
  }
  // Entries written but not yet indexed, inside what this page covers.
  const covered = pendingEntries.filter(
    (entry) => order.after(entry.position, request.after) && (exhausted || !order.after(entry.position, reach)) && inRange(entry.position, request.range),
  );
  if (covered.length > 0) {
    const { items } = await check(covered, request, covered.length);
    for (const item of items) {
      const { id } = request.describe(item);
      if (seen.has(id)) continue;
      seen.add(id);
      found.push(item);
    }
  }
  found.sort((a, b) => order.compare(request.describe(a).position, request.describe(b).position));
  if (found.length > request.limit) {
    const page = found.slice(0, request.limit);
    return { items: page, after: request.describe(page.at(-1) ?? {}).position };
  }
  const next = exhausted ? undefined : found.length === request.limit ? request.describe(found.at(-1) ?? {}).position : reach;
  return { items: found, ...(next === undefined ? {} : { after: next }) };
}

/** The sources of a query's words: each whole word its list; the prefix the union of its words' lists (or, alone with too many, every entry). */
async function sourcesOf(client: DynamoDBDocumentClient, tableName: string, space: IndexSpace, request: SearchRequest, limits: SearchLimits): Promise<Source[]> {
  const source = (words: readonly string[]): Source => ({ words, cuts: new Map(), pending: [], reach: request.after, done: false });
  const words = request.words;
  if (words === undefined) return [source([EVERY_ENTRY])];
  // Every word filters; the longest ones (the rarest, as a rule) are read as lists.
  const sources = [...words.whole]
    .sort((a, b) => b.length - a.length)
    .slice(0, limits.lists)
    .map((word) => source([word]));
  if (words.prefix === undefined) return sources;
  const completions = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':p': space.vocabulary, ':prefix': words.prefix },
      ProjectionExpression: 'sk',
      // Strongly consistent: a word put just before a reconcile removed its pending item must be seen.
      ConsistentRead: true,
      Limit: limits.completions + 1,
    }),
  );
  const found = (completions.Items ?? []).map((item) => String(item.sk));
  // With whole words beside it, the prefix's union is read only when small; otherwise the whole words lead and
  // the prefix filters their postings. No completion at all: no posting can match (pending entries are checked apart).
  const room = sources.length === 0 ? limits.completions : limits.completionsBesideWords;
  if (found.length <= room) return [...sources, source(found)];
  return sources.length > 0 ? sources : [source([EVERY_ENTRY])];
}

/** Reads the next postings of every word of `source` that is not read to its end, and moves its reach. */
async function advance(
  client: DynamoDBDocumentClient,
  tableName: string,
  space: IndexSpace,
  source: Source,
  request: SearchRequest,
  filter: { expression?: string; values: Record<string, unknown>; names: Record<string, string> },
  limit: number,
  order: Order,
): Promise<void> {
  const open = source.words.filter((word) => source.cuts.get(word) !== DONE);
  const reads = await Promise.all(
    open.map(async (word) => {
      const partition = `${space.postings}${word}`;
      const start = source.cuts.get(word) ?? request.after;
      const range = rangeCondition(request.range);
      const input: QueryCommandInput = {
        TableName: tableName,
        KeyConditionExpression: `pk = :p${range.expression}`,
        ExpressionAttributeValues: { ':p': partition, ...range.values, ...filter.values },
        ScanIndexForward: !space.descending,
        ConsistentRead: true,
        Limit: limit,
        ProjectionExpression: '#id, sk',
        ExpressionAttributeNames: { '#id': 'id', ...filter.names },
        ...(filter.expression === undefined ? {} : { FilterExpression: filter.expression }),
        ...(start === undefined ? {} : { ExclusiveStartKey: { pk: partition, sk: start } }),
      };
      const result = await client.send(new QueryCommand(input)).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ValidationException' && request.after !== undefined) {
          throw new ValidationError('The nextToken does not continue this query; start again without it.', {
            errors: [{ path: 'query.nextToken', message: 'not a token of this query' }],
          });
        }
        throw error;
      });
      const last = result.LastEvaluatedKey?.sk;
      source.cuts.set(word, typeof last === 'string' ? last : DONE);
      return (result.Items ?? []).map((item) => ({ id: String(item.id), position: String(item.sk) }));
    }),
  );
  // The union is read completely up to the least advanced of its open lists.
  const cuts = source.words.map((word) => source.cuts.get(word)).filter((cut): cut is string => cut !== undefined && cut !== DONE);
  source.done = cuts.length === 0;
  source.reach = source.done ? undefined : cuts.reduce((least, cut) => (order.further(least, cut) ? cut : least));
  const reach = source.reach;
  const merged = new Map<string, { id: string; position: string }>();
  for (const candidate of reads.flat()) if (reach === undefined || !order.after(candidate.position, reach)) merged.set(candidate.id, candidate);
  // What lies beyond the reach is read again next round: every list starts there (an ended one too, for what it held beyond it).
  if (reach !== undefined) for (const word of source.words) if (source.cuts.get(word) === DONE || order.after(source.cuts.get(word), reach)) source.cuts.set(word, reach);
  source.pending.push(...merged.values());
  source.pending.sort((a, b) => order.compare(a.position, b.position));
}

const DONE = '\u0000done';

/** The postings' own filter: every word of the query in the posting's words, and the tags. */
function postingFilter(request: SearchRequest): { expression?: string; values: Record<string, unknown>; names: Record<string, string> } {
  const parts: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  request.words?.whole.forEach((word, i) => {
    parts.push(`contains(#words, :w${i})`);
    values[`:w${i}`] = ` ${word} `;
  });
  if (request.words?.prefix !== undefined) {
    parts.push('contains(#words, :prefix)');
    values[':prefix'] = ` ${request.words.prefix}`;
  }
  if (parts.length > 0) names['#words'] = 'words';
  Object.entries(request.tags ?? {}).forEach(([name, value], i) => {
    parts.push(`#tag${i} = :tag${i}`);
    names[`#tag${i}`] = name;
    values[`:tag${i}`] = value;
  });
  return { ...(parts.length === 0 ? {} : { expression: parts.join(' AND ') }), values, names };
}

function rangeCondition(range: SearchRequest['range']): { expression: string; values: Record<string, string> } {
  const low = range?.low;
  const high = range?.high === undefined ? undefined : `${range.high}~`;
  if (low !== undefined && high !== undefined) return { expression: ' AND sk BETWEEN :low AND :high', values: { ':low': low, ':high': high } };
  if (low !== undefined) return { expression: ' AND sk >= :low', values: { ':low': low } };
  if (high !== undefined) return { expression: ' AND sk <= :high', values: { ':high': high } };
  return { expression: '', values: {} };
}

function inRange(position: string, range: SearchRequest['range']): boolean {
  if (range?.low !== undefined && position < range.low) return false;
  if (range?.high !== undefined && position > `${range.high}~`) return false;
  return true;
}

/** Loads candidates and keeps those that match as stored now, in position order, up to the page's need. */
async function check(
  candidates: readonly { id: string; position: string }[],
  request: SearchRequest,
  need: number,
): Promise<{ items: Record<string, unknown>[]; lastPosition?: string }> {
  const items: Record<string, unknown>[] = [];
  for (const part of chunk(candidates, 100)) {
    const loaded = await request.load(part.map((candidate) => candidate.id));
    const byId = new Map(loaded.map((item) => [request.describe(item).id, item]));
    for (const candidate of part) {
      const item = byId.get(candidate.id);
      if (item === undefined) continue;
      const stored = request.describe(item);
      // A posting at an old position (an agency renamed) is not where the entry is now: its current posting is.
      if (stored.position !== candidate.position) continue;
      if (request.words !== undefined && !matchesStored(stored.words, request.words)) continue;
      if (!request.accept(item)) continue;
      items.push(item);
      if (items.length >= need) return { items, lastPosition: candidate.position };
    }
  }
  return { items };
}

function matchesStored(words: ReadonlySet<string>, query: SearchWords): boolean {
  if (!query.whole.every((word) => words.has(word))) return false;
  if (query.prefix === undefined) return true;
  for (const word of words) if (word.startsWith(query.prefix)) return true;
  return false;
}

/** The pending entries of a space (few: only those whose reconcile has not run; `finishPending` keeps them few). */
async function readPending(client: DynamoDBDocumentClient, tableName: string, space: IndexSpace): Promise<{ id: string; position: string }[]> {
  const pending: { id: string; position: string }[] = [];
  const items = queryPages(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': space.pending },
    ConsistentRead: true,
    ProjectionExpression: 'sk, #position',
    ExpressionAttributeNames: { '#position': 'position' },
  });
  for await (const item of items) pending.push({ id: String(item.sk), position: String(item.position) });
  return pending;
}

/** What `finishPending` did. */
export interface FinishReport {
  /** Entries indexed (their pending item removed). */
  readonly finished: number;
  /** Pending items of entries that no longer exist, removed. */
  readonly removed: number;
  /** Pending items not older than the cut-off, or left for lack of time. */
  readonly left: number;
}

/**
 * Finishes what a write left pending (its function stopped between the commit and the reconcile): every
 * pending item written before `before` is reconciled from the entry as stored now (`load`), or removed when
 * the entry is gone. Stops when `timeLeftMs` runs low; the next run goes on.
 */
export async function finishPending(
  client: DynamoDBDocumentClient,
  tableName: string,
  space: IndexSpace,
  options: { readonly before: string; readonly load: (id: string) => Promise<IndexEntry | undefined>; readonly timeLeftMs: () => number },
): Promise<FinishReport> {
  let finished = 0;
  let removed = 0;
  let left = 0;
  const items = queryPages(client, { TableName: tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': space.pending }, ConsistentRead: true });
  for await (const item of items) {
    if (typeof item.at === 'string' && item.at >= options.before) {
      left += 1;
      continue;
    }
    if (options.timeLeftMs() < 5_000) {
      left += 1;
      continue;
    }
    const entry = await options.load(String(item.sk));
    if (entry !== undefined) {
      await reconcile(client, tableName, space, entry);
      finished += 1;
      continue;
    }
    await client
      .send(
        new DeleteCommand({
          TableName: tableName,
          Key: { pk: space.pending, sk: item.sk },
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': item.version },
        }),
      )
      .then(
        () => (removed += 1),
        (error: unknown) => {
          if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        },
      );
  }
  return { finished, removed, left };
}

/** Position order of a space. */
class Order {
  constructor(private readonly descending: boolean) {}

  /** Negative when `a` comes first. */
  compare(a: string, b: string): number {
    if (a === b) return 0;
    return a < b === this.descending ? 1 : -1;
  }

  /** True when `position` comes strictly after `mark` (everything comes after no mark). */
  after(position: string | undefined, mark: string | undefined): boolean {
    if (mark === undefined) return true;
    if (position === undefined) return false;
    return this.compare(position, mark) > 0;
  }

  /** True when reach `a` is further along than reach `b` (undefined: the end, furthest of all). */
  further(a: string | undefined, b: string | undefined): boolean {
    if (a === undefined) return b !== undefined;
    if (b === undefined) return false;
    return this.compare(a, b) > 0;
  }
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function sameTags(a: unknown, b: Readonly<Record<string, string>> | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
