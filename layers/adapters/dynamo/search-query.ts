/**
 * Searching the word index (docs/DATA.md, "Search"): the first page (or the page after a token's position)
 * of the entries holding every word of a query, in position order, each checked as stored now; entries whose
 * postings a write has not written yet are found through their pending items.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#domain/errors';
import { matchesWords, type SearchWords } from '#domain/search/words';
import { queryPages } from './query-all.ts';
import { chunk, EVERY_ENTRY, type IndexSpace } from './search-index.ts';

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
      if (request.words !== undefined && !matchesWords(stored.words, request.words)) continue;
      if (!request.accept(item)) continue;
      items.push(item);
      if (items.length >= need) return { items, lastPosition: candidate.position };
    }
  }
  return { items };
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
