/**
 * Keeping the word index exact (docs/DATA.md, "Search"): `reconcile` brings an entry's postings to the
 * version a write just committed and removes its pending item; `finishPending` does it for writes whose
 * function stopped before; `rebuild` writes a space again from its entries. Postings, the manifest and the
 * pending item are written with conditions on the versions: an older reconcile never overwrites a newer one.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput, DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Key, SCHEMA_VERSION } from './keys.ts';
import { batchGetAll } from './batch-get.ts';
import { labelled, transactWrite, type LabelledItem } from './transaction.ts';
import { queryPages } from './query-all.ts';
import { chunk, EVERY_ENTRY, type IndexEntry, indexedWords, type IndexSpace, manifestItem, postingItem } from './search-index.ts';

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
  const known = new Set(
    (
      await batchGetAll(
        client,
        tableName,
        candidates.map((word) => ({ pk: space.vocabulary, sk: word })),
        { projection: 'sk' },
      )
    ).map((item) => String(item.sk)),
  );
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
        if (await deleteSeen(client, tableName, { pk: String(posting.pk), sk: String(posting.sk) }, posting.version)) orphansDeleted += 1;
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
  const items = await batchGetAll(client, tableName, keys, { consistent: true });
  return new Map(items.map((item) => [JSON.stringify({ pk: item.pk, sk: item.sk }), item]));
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
    if (await deleteSeen(client, tableName, { pk: space.pending, sk: String(item.sk) }, item.version)) removed += 1;
  }
  return { finished, removed, left };
}

/** Deletes an item if it still holds the version seen; false when it changed meanwhile (a write got there first). */
async function deleteSeen(client: DynamoDBDocumentClient, tableName: string, key: Key, version: unknown): Promise<boolean> {
  try {
    await client.send(new DeleteCommand({ TableName: tableName, Key: key, ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': version } }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function sameTags(a: unknown, b: Readonly<Record<string, string>> | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}
