/**
 * Search over an agency's documents (docs/DATA.md, "Search"): the word index of ./search-index.ts with one
 * space per agency, incoming and outgoing together (a posting carries its direction), newest first. The
 * list filters (status, issuer, type, assignee, overdue, need-to-know) are checked on each candidate as
 * stored now, with the same meaning as the Query filters of document-store.ts.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get.ts';
import type { Document } from '#domain/documents/document';
import { documentWords } from '#domain/documents/search-text';
import type { DocumentQuery, IndexingReport, Page } from '#domain/documents/store';
import { foldVietnamese } from '#domain/text';
import { createLogger } from '#observability/log';
import { documentIndexes, type Key, keys, stripStorage } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { queryPages } from './query-all.ts';
import { type IndexEntry, type IndexSpace, pendingItem } from './search-index.ts';
import { search } from './search-query.ts';
import { finishPending, rebuild, type RebuildReport, reconcile, type ReconcileReport } from './search-reconcile.ts';

const log = createLogger({ component: 'document-search' });

/** The index space of an agency's documents. */
export function documentSpace(organId: string): IndexSpace {
  return { postings: `TERM#${organId}#`, vocabulary: `WORDS#${organId}`, pending: `INDEXQ#${organId}`, descending: true };
}

/** What the index keeps of a document. */
export function documentEntry(document: Document): IndexEntry {
  return {
    id: document.id,
    position: documentIndexes.created(document.createdAt, document.id),
    words: documentWords(document),
    version: document.version,
    // Filters a search applies to the postings themselves (both change only with the words).
    tags: { direction: document.direction, typeText: foldVietnamese(document.typeName) },
    manifest: documentManifest(document.id),
  };
}

/** Where the index keeps what it holds of a document: beside the document, `DOC#<id>` / `SEARCH`. */
export function documentManifest(id: string): Key {
  return { pk: keys.document(id).pk, sk: 'SEARCH' };
}

/** The pending item a document's write puts in its transaction. */
export function documentPending(tableName: string, document: Document) {
  return pendingItem(tableName, documentSpace(document.organId), documentEntry(document));
}

/**
 * Indexes a document just committed. A failure is logged and left to the pending item (searches still
 * find the document; the next write or `vanthu search-index rebuild` indexes it): the write itself stands.
 */
export async function indexDocument(client: DynamoDBDocumentClient, tableName: string, document: Document): Promise<ReconcileReport | undefined> {
  try {
    return await reconcile(client, tableName, documentSpace(document.organId), documentEntry(document));
  } catch (error) {
    log.warn('search index left pending', { documentId: document.id, version: document.version, error });
    return undefined;
  }
}

/** Indexes the agency's documents left pending before `before` (DocumentStore.finishIndexing). */
export function finishDocumentIndexing(client: DynamoDBDocumentClient, tableName: string, organId: string, before: string, timeLeftMs: () => number): Promise<IndexingReport> {
  return finishPending(client, tableName, documentSpace(organId), {
    before,
    timeLeftMs,
    load: async (id) => {
      const [item] = await loadDocuments(client, tableName, [id]);
      return item === undefined ? undefined : documentEntry(stripStorage<Document>(item));
    },
  });
}

/**
 * Rebuilds the index of an agency's documents from the documents as stored (`vanthu search-index rebuild`):
 * see search-index.ts `rebuild`.
 */
export async function rebuildDocumentIndex(client: DynamoDBDocumentClient, tableName: string, organId: string): Promise<RebuildReport> {
  return rebuild(client, tableName, documentSpace(organId), agencyDocuments(client, tableName, organId), documentManifest);
}

async function* agencyDocuments(client: DynamoDBDocumentClient, tableName: string, organId: string): AsyncIterable<IndexEntry> {
  for (const direction of ['incoming', 'outgoing'] as const) {
    const items = queryPages(client, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': documentIndexes.byDirection(organId, direction) },
    });
    for await (const item of items) yield documentEntry(stripStorage<Document>(item));
  }
}

/** A page of documents matching `query` (its `words`, or every document when it has none), newest first. */
export async function searchDocuments(client: DynamoDBDocumentClient, tableName: string, query: DocumentQuery): Promise<Page<Document>> {
  // The position is the token's `sk`, sealed (it may be a posting of a document the caller may not see); the list is the agency's search, bound to this very query.
  const scope = { index: '', partition: `SEARCH#${query.organId}`, bound: boundOf(query), sealed: true };
  const after = query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, scope).sk;
  const range = {
    ...(query.from === undefined ? {} : { low: query.from }),
    ...(query.to === undefined ? {} : { high: query.to }),
  };
  const result = await search(client, tableName, documentSpace(query.organId), {
    ...(query.words === undefined ? {} : { words: query.words }),
    tags: {
      ...(query.direction === undefined ? {} : { direction: query.direction }),
      ...(query.typeName === undefined ? {} : { typeText: query.typeName }),
    },
    range,
    ...(after === undefined ? {} : { after }),
    limit: query.limit,
    load: (ids) => loadDocuments(client, tableName, ids),
    describe: (item) => ({
      id: String(item.id),
      position: documentIndexes.created(String(item.createdAt), String(item.id)),
      words: new Set(documentWords(stripStorage<Document>(item))),
    }),
    accept: (item) => item.organId === query.organId && acceptsDocument(item, query),
  });
  return {
    items: result.items.map((item) => stripStorage<Document>(item)),
    ...(result.after === undefined ? {} : { nextToken: encodePageToken({ sk: result.after }, scope) }),
  };
}

/**
 * The list filters of `query` on a stored document item: the same conditions as document-store.ts's
 * `listFilter`, evaluated here on a candidate.
 */
export function acceptsDocument(item: Record<string, unknown>, query: DocumentQuery): boolean {
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
  if (query.direction !== undefined && item.direction !== query.direction) return false;
  if (query.status !== undefined && item.status !== query.status) return false;
  if (query.issuer !== undefined && !(text('issuerText') ?? '').includes(query.issuer)) return false;
  if (query.typeName !== undefined && text('typeText') !== query.typeName) return false;
  if (query.assignee !== undefined && !(text('assigneeText') ?? '').includes(`|${query.assignee}|`)) return false;
  if (query.overdueOn !== undefined) {
    const due = text('gsi4sk');
    if (due === undefined || !(due < query.overdueOn)) return false;
  }
  const visible = query.secretVisibleTo;
  if (visible !== undefined && item.secrecy !== 'none') {
    const drafter = (item.createdBy as { sub?: unknown } | undefined)?.sub;
    const assignees = text('assigneeText') ?? '';
    if (drafter !== visible.sub && !visible.assigneeKeys.some((key) => assignees.includes(`|${key}|`))) return false;
  }
  return true;
}

function loadDocuments(client: DynamoDBDocumentClient, tableName: string, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  return batchGetAll(
    client,
    tableName,
    ids.map((id) => keys.document(id)),
    { consistent: true },
  );
}

/** What a page token of a search is bound to: the very same query (words, filters, range). */
function boundOf(query: DocumentQuery): string {
  const { nextToken: _token, limit: _limit, ...rest } = query;
  return JSON.stringify(rest);
}
