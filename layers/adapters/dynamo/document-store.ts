import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Document } from '#domain/documents/document';
import type { OutboxEntry } from '#domain/outbox';
import type { HistoryEvent } from '#domain/documents/history';
import { familyMark, versionCondition } from './numbering-store.ts';
import type {
  DocumentQuery,
  DocumentStore,
  DocumentWrites,
  NumberedWrite,
  IndexingReport,
  NumberedResult,
  NumberSeries,
  Page,
  PrintedReservation,
  RegisterOutcome,
  RegisterQuery,
} from '#domain/documents/store';
import { ValidationError } from '#domain/errors';
import { CounterAllocator } from './counter.ts';
import { incomingSeries } from '#domain/documents/register-series';
import { documentItem, registerPartition } from './document-items.ts';
import { counterChanges } from '#domain/kpi/counters';
import { counterUpdates } from './kpi-items.ts';
import { outboxItem } from './outbox-store.ts';
import { workUpdates } from './work-items.ts';
import { queryAll } from './query-all.ts';
import { documentIndexes, keys, SCHEMA_VERSION, stripStorage } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { documentPending, finishDocumentIndexing, indexDocument, searchDocuments } from './document-search.ts';
import { labelled, transactWrite } from './transaction.ts';
import { consumeSession, newFileItem } from './signing-store.ts';

const IDEMPOTENCY_SECONDS = 24 * 60 * 60;

/** DocumentStore on one DynamoDB table (docs/DATA.md). */
export class DynamoDocumentStore implements DocumentStore {
  private readonly counters: CounterAllocator;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.counters = new CounterAllocator(client, tableName);
  }

  async registerIncoming(input: Parameters<DocumentStore['registerIncoming']>[0]): Promise<RegisterOutcome> {
    const { document, idempotency } = input;
    const extras = [
      ...(idempotency === undefined ? [] : [{ kind: 'idempotency' as const, key: keys.idempotency(document.organId, idempotency.key) }]),
      ...(input.allowDuplicate ? [] : input.duplicateKeys.map((duplicateKey) => ({ kind: 'duplicate' as const, key: keys.duplicateMarker(document.organId, duplicateKey) }))),
    ].map((extra, i) => ({ ...extra, label: `${extra.kind}:${i}` }));
    const counter = keys.arrivalCounter(document.organId, document.arrivalYear, incomingSeries(document.secrecy));
    const outcome = await this.counters.commit(counter, (arrivalNumber) => [
      { label: 'document', item: this.putNew({ ...keys.document(document.id), ...documentItem({ ...document, arrivalNumber }) }) },
      { label: 'search', item: documentPending(this.tableName, { ...document, arrivalNumber }) },
      ...extras.map((extra) => ({
        label: extra.label,
        item: this.putNew({
          ...extra.key,
          entity: extra.kind === 'idempotency' ? 'IdempotencyRecord' : 'DuplicateMarker',
          schemaVersion: SCHEMA_VERSION,
          documentId: document.id,
          ...(extra.kind === 'idempotency' && idempotency !== undefined
            ? { fingerprint: idempotency.fingerprint, expiresAt: Math.floor(Date.parse(document.createdAt) / 1000) + IDEMPOTENCY_SECONDS }
            : {}),
        }),
      })),
      ...labelled('event', this.eventItems(input.event(arrivalNumber), { ...document, arrivalNumber })),
      ...labelled('work', workUpdates(this.tableName, undefined, { ...document, arrivalNumber })),
      ...labelled(
        'outbox',
        (input.outbox ?? []).map((entry) => outboxItem(this.tableName, entry)),
      ),
    ]);
    if (outcome.committed) {
      const created = { ...document, arrivalNumber: outcome.number };
      await indexDocument(this.client, this.tableName, created);
      return { kind: 'created', document: created };
    }
    const refused = extras.find((extra) => outcome.refusedBy.includes(extra.label));
    if (refused === undefined) throw new Error(`Registration cancelled for an unexpected reason: ${outcome.refusedBy.join(', ')}`);
    return this.explainRefusal(refused.kind, refused.key, idempotency?.fingerprint);
  }

  async getDocument(id: string): Promise<Document | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.document(id) }));
    return result.Item === undefined ? undefined : stripStorage<Document>(result.Item);
  }

  async findByUniqueKey(uniqueKey: string): Promise<string | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: `UNIQUE#${uniqueKey}`, sk: 'UNIQUE' }, ConsistentRead: true }));
    return typeof result.Item?.documentId === 'string' ? result.Item.documentId : undefined;
  }

  async createDocument(
    document: Document,
    event: HistoryEvent,
    options: { outbox?: readonly OutboxEntry[]; uniqueKey?: string } = {},
  ): Promise<{ kind: 'created' } | { kind: 'exists'; documentId: string }> {
    const marker = options.uniqueKey === undefined ? undefined : { pk: `UNIQUE#${options.uniqueKey}`, sk: 'UNIQUE' };
    const outcome = await transactWrite(
      this.client,
      [
        ...labelled('unique', marker === undefined ? [] : [this.putNew({ ...marker, entity: 'UniqueMarker', schemaVersion: SCHEMA_VERSION, documentId: document.id })]),
        { label: 'document', item: this.putNew({ ...keys.document(document.id), ...documentItem(document) }) },
        { label: 'search', item: documentPending(this.tableName, document) },
        ...labelled('event', this.eventItems(event, document)),
        ...labelled('work', workUpdates(this.tableName, undefined, document)),
        ...labelled(
          'outbox',
          (options.outbox ?? []).map((entry) => outboxItem(this.tableName, entry)),
        ),
      ],
      { subject: `creation of document ${document.id}` },
    );
    if (outcome.committed) {
      await indexDocument(this.client, this.tableName, document);
      return { kind: 'created' };
    }
    if (marker === undefined || !outcome.refusedBy.includes('unique')) throw outcome.error;
    const existing = await this.client.send(new GetCommand({ TableName: this.tableName, Key: marker, ConsistentRead: true }));
    return { kind: 'exists', documentId: String(existing.Item?.documentId ?? '') };
  }

  /** 'conflict' when a condition failed (another version was written first); transaction conflicts are retried. */
  async updateDocument(next: Document, current: Document, event: HistoryEvent, outbox: readonly OutboxEntry[] = [], with_: DocumentWrites = {}): Promise<'saved' | 'conflict'> {
    const outcome = await transactWrite(
      this.client,
      [
        { label: 'document', item: this.putVersion(next, current.version) },
        { label: 'search', item: documentPending(this.tableName, next) },
        ...labelled('event', this.eventItems(event, next)),
        ...labelled('work', workUpdates(this.tableName, current, next)),
        ...labelled(
          'outbox',
          outbox.map((entry) => outboxItem(this.tableName, entry)),
        ),
        ...labelled(
          'file',
          (with_.files ?? []).map((file) => newFileItem(this.tableName, file)),
        ),
        ...labelled('signing', with_.signing === undefined ? [] : [consumeSession(this.tableName, with_.signing)]),
      ],
      { subject: `update of document ${next.id} to version ${next.version}` },
    );
    if (!outcome.committed) return 'conflict';
    await indexDocument(this.client, this.tableName, next);
    return 'saved';
  }

  async commitNumbered<D extends Document>(input: {
    counter: NumberSeries;
    current: Document;
    build: (number: number) => NumberedWrite<D> | Promise<NumberedWrite<D>>;
    outbox?: readonly OutboxEntry[];
    printed?: PrintedReservation;
  }): Promise<NumberedResult<D>> {
    let numbered: D | undefined;
    let identity = '';
    const { organId, kind, series, year } = input.counter;
    const { printed } = input;
    const counter = kind === 'arrival' ? keys.arrivalCounter(organId, year, series === 'secret' ? 'secret' : 'main') : keys.registerCounter(organId, series, year);
    const outcome = await this.counters.commit(
      counter,
      async (number) => {
        const built = await input.build(number);
        numbered = built.document;
        identity = printed === undefined ? '' : printed.identity(number);
        return [
          { label: 'document', item: this.putVersion(built.document, input.current.version) },
          { label: 'search', item: documentPending(this.tableName, built.document) },
          ...(printed === undefined
            ? []
            : [
                {
                  label: 'printed',
                  item: this.putNew({
                    ...keys.printed(organId, year, printed.scope, identity),
                    entity: 'PrintedMarker',
                    schemaVersion: SCHEMA_VERSION,
                    documentId: built.document.id,
                  }),
                },
                { label: 'numbering', item: this.numberingUnchanged(organId, printed.numberingVersion) },
              ]),
          ...labelled('event', this.eventItems(built.event, built.document)),
          ...labelled('work', workUpdates(this.tableName, input.current, built.document)),
          ...labelled(
            'outbox',
            (input.outbox ?? []).map((entry) => outboxItem(this.tableName, entry)),
          ),
          ...labelled(
            'file',
            (built.files ?? []).map((file) => newFileItem(this.tableName, file)),
          ),
        ];
      },
      printed?.family === undefined ? [] : [familyMark(printed.family)],
    );
    if (outcome.committed && numbered !== undefined) {
      await indexDocument(this.client, this.tableName, numbered);
      return { kind: 'committed', document: numbered };
    }
    if (outcome.committed) throw new Error('numbered write committed without its document');
    if (outcome.refusedBy.includes('numbering')) return { kind: 'numbering-changed' };
    if (outcome.refusedBy.includes('printed') && printed !== undefined) {
      const marker = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.printed(organId, year, printed.scope, identity), ConsistentRead: true }));
      return { kind: 'printed-taken', identity, documentId: String(marker.Item?.documentId ?? '') };
    }
    return { kind: 'conflict' };
  }

  /** The issue was planned under this version of the numbering configuration (0: none stored). */
  private numberingUnchanged(organId: string, version: number) {
    return { ConditionCheck: { TableName: this.tableName, Key: keys.numbering(organId), ...versionCondition(version) } };
  }

  async register(query: RegisterQuery): Promise<Page<Document>> {
    const partition = registerPartition(query.organId, query.direction, query.series, query.year);
    const base: QueryCommandInput = { TableName: this.tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p', ExpressionAttributeValues: { ':p': partition } };
    return this.collectPage(base, 'gsi3', partition, query.limit, query.nextToken);
  }

  async listDocuments(query: DocumentQuery): Promise<Page<Document>> {
    if (query.words !== undefined || query.direction === undefined) return searchDocuments(this.client, this.tableName, query);
    const byStatus = query.status !== undefined;
    const index = byStatus ? 'gsi2' : 'gsi1';
    const { direction } = query;
    const partition = byStatus ? documentIndexes.byStatus(query.organId, direction, query.status ?? '') : documentIndexes.byDirection(query.organId, direction);
    const range = rangeCondition(index, partition, query.from, query.to);
    const filter = listFilter(query);
    const base: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index,
      ScanIndexForward: false,
      ...range,
      ...(filter === undefined
        ? {}
        : {
            FilterExpression: filter.expression,
            ExpressionAttributeValues: { ...range.ExpressionAttributeValues, ...filter.values },
            ...(filter.names === undefined ? {} : { ExpressionAttributeNames: filter.names }),
          }),
    };
    // The token is signed for this list and range: one from another range would not match its key condition.
    return this.collectPage(base, index, partition, query.limit, query.nextToken, `${query.from ?? ''}|${query.to ?? ''}`);
  }

  async dueBefore(organId: string, date: string, page: { limit: number; nextToken?: string }): Promise<Page<Document>> {
    const partition = `DUE#${organId}`;
    // `<dueDate>#<id>` <= `<date>~`: every document due on `date` itself is included ('~' sorts after '#').
    const base: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :p AND gsi4sk <= :to',
      ExpressionAttributeValues: { ':p': partition, ':to': `${date}~` },
    };
    return this.collectPage(base, 'gsi4', partition, page.limit, page.nextToken, date);
  }

  finishIndexing(organId: string, before: string, timeLeftMs: () => number): Promise<IndexingReport> {
    return finishDocumentIndexing(this.client, this.tableName, organId, before, timeLeftMs);
  }

  async history(documentId: string): Promise<readonly HistoryEvent[]> {
    const items = await queryAll(this.client, this.tableName, keys.document(documentId).pk, keys.historyPrefix);
    return items.map((item) => stripStorage<HistoryEvent>(item));
  }

  /** Queries until `limit` matching items are found, so filtered pages are full; the token resumes after the last item returned. */
  private async collectPage(base: QueryCommandInput, index: string, partition: string, limit: number, token: string | undefined, bound?: string): Promise<Page<Document>> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined = token === undefined ? undefined : decodePageToken(token, { index, partition, ...(bound === undefined ? {} : { bound }) });
    for (let round = 0; round < 20 && items.length < limit; round += 1) {
      const result = await this.client
        .send(
          new QueryCommand({
            ...base,
            Limit: Math.max(limit - items.length, base.FilterExpression === undefined ? 0 : 50),
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        )
        .catch((error: unknown) => {
          // A genuine token of this list whose position lies outside this query's range: the caller's mistake (400), not ours.
          if (round === 0 && token !== undefined && error instanceof Error && error.name === 'ValidationException') {
            throw new ValidationError('The nextToken does not continue this query; start again without it.', {
              errors: [{ path: 'query.nextToken', message: 'not a token of this query' }],
            });
          }
          throw error;
        });
      const page = result.Items ?? [];
      const room = limit - items.length;
      items.push(...page.slice(0, room));
      if (page.length > room) {
        startKey = lastKey(items, index);
        break;
      }
      startKey = result.LastEvaluatedKey;
      if (startKey === undefined) break;
    }
    const nextToken = startKey === undefined ? undefined : encodePageToken(startKey, { index, partition, ...(bound === undefined ? {} : { bound }) });
    return { items: items.map((item) => stripStorage<Document>(item)), ...(nextToken === undefined ? {} : { nextToken }) };
  }

  private putNew(item: Record<string, unknown>) {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** The document's next version, written only if the stored one is still `expectedVersion`. */
  private putVersion(document: Document, expectedVersion: number) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.document(document.id), ...documentItem(document) },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    };
  }

  /**
   * History is append-only: an event is written once, with the change, and never replaced; the KPI
   * counters it moves are added in the same transaction.
   */
  private eventItems(event: HistoryEvent, document: Document) {
    return [
      this.putNew({ ...keys.historyEvent(event.documentId, event.sequence), entity: 'HistoryEvent', schemaVersion: SCHEMA_VERSION, ...event }),
      ...counterUpdates(this.tableName, counterChanges(event, document)),
    ];
  }

  private async explainRefusal(kind: 'idempotency' | 'duplicate', key: { pk: string; sk: string }, fingerprint: string | undefined): Promise<RegisterOutcome> {
    const marker = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const documentId = String(marker.Item?.documentId ?? '');
    const existing = await this.getDocument(documentId);
    if (existing === undefined || existing.direction !== 'incoming') throw new Error(`Marker ${key.pk} points at a missing document ${documentId}`);
    if (kind === 'duplicate') return { kind: 'duplicate', existing };
    return marker.Item?.fingerprint === fingerprint ? { kind: 'replayed', document: existing } : { kind: 'idempotency-mismatch', documentId };
  }
}

function rangeCondition(index: string, partition: string, from: string | undefined, to: string | undefined): Partial<QueryCommandInput> {
  const pk = `${index}pk`;
  const sk = `${index}sk`;
  const values = rangeValues(partition, from, to);
  if (from !== undefined && to !== undefined) return { KeyConditionExpression: `${pk} = :p AND ${sk} BETWEEN :from AND :to`, ExpressionAttributeValues: values };
  if (from !== undefined) return { KeyConditionExpression: `${pk} = :p AND ${sk} >= :from`, ExpressionAttributeValues: values };
  if (to !== undefined) return { KeyConditionExpression: `${pk} = :p AND ${sk} <= :to`, ExpressionAttributeValues: values };
  return { KeyConditionExpression: `${pk} = :p`, ExpressionAttributeValues: values };
}

function rangeValues(partition: string, from: string | undefined, to: string | undefined): Record<string, string> {
  return { ':p': partition, ...(from === undefined ? {} : { ':from': from }), ...(to === undefined ? {} : { ':to': `${to}~` }) };
}

/** Filters applied within the agency's partition (a Query, never a Scan): issuer, type, assignee, overdue (document-search.ts `acceptsDocument` is the same on a stored item). */
function listFilter(query: DocumentQuery): { expression: string; values: Record<string, unknown>; names?: Record<string, string> } | undefined {
  const parts: string[] = [];
  const values: Record<string, unknown> = {};
  if (query.issuer !== undefined) {
    parts.push('contains(issuerText, :issuer)');
    values[':issuer'] = query.issuer;
  }
  if (query.typeName !== undefined) {
    parts.push('typeText = :typeName');
    values[':typeName'] = query.typeName;
  }
  if (query.assignee !== undefined) {
    parts.push('contains(assigneeText, :assignee)');
    values[':assignee'] = `|${query.assignee}|`;
  }
  if (query.overdueOn !== undefined) {
    parts.push('attribute_exists(gsi4sk) AND gsi4sk < :overdue');
    values[':overdue'] = query.overdueOn;
  }
  const secret = secretFilter(query.secretVisibleTo);
  if (secret !== undefined) {
    parts.push(secret.expression);
    Object.assign(values, secret.values);
  }
  return parts.length === 0 ? undefined : { expression: parts.join(' AND '), values, ...(secret === undefined ? {} : { names: secret.names }) };
}

/** Need-to-know in a Query filter: ordinary documents, or secret ones the caller drafted or is assigned. */
function secretFilter(visible: DocumentQuery['secretVisibleTo']): { expression: string; values: Record<string, unknown>; names: Record<string, string> } | undefined {
  if (visible === undefined) return undefined;
  const values: Record<string, unknown> = { ':notSecret': 'none', ':drafter': visible.sub };
  const assigned = visible.assigneeKeys.map((key, i) => {
    values[`:assignee${i}`] = `|${key}|`;
    return `contains(assigneeText, :assignee${i})`;
  });
  return { expression: `(secrecy = :notSecret OR createdBy.#sub = :drafter${assigned.map((a) => ` OR ${a}`).join('')})`, values, names: { '#sub': 'sub' } };
}

function lastKey(items: readonly Record<string, unknown>[], index: string): Record<string, unknown> | undefined {
  const last = items.at(-1);
  if (last === undefined) return undefined;
  return { pk: last.pk, sk: last.sk, [`${index}pk`]: last[`${index}pk`], [`${index}sk`]: last[`${index}sk`] };
}
