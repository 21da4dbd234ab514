import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '#domain/documents/history';
import { searchText, type IncomingDocument } from '#domain/documents/incoming';
import type { DocumentQuery, DocumentStore, Page, RegisterOutcome } from '#domain/documents/store';
import { CounterAllocator } from './counter.ts';
import { documentIndexes, keys, pad, SCHEMA_VERSION, stripStorage } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';

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
      ...(input.allowDuplicate ? [] : [{ kind: 'duplicate' as const, key: keys.duplicateMarker(document.organId, input.duplicateKey) }]),
    ];
    const outcome = await this.counters.commit(keys.arrivalCounter(document.organId, document.arrivalYear), (arrivalNumber) => [
      this.putNew({ ...keys.document(document.id), ...this.documentItem({ ...document, arrivalNumber }) }),
      this.putNew({ ...keys.historyEvent(document.id, 1), entity: 'HistoryEvent', schemaVersion: SCHEMA_VERSION, ...input.event(arrivalNumber) }),
      ...extras.map((extra) =>
        this.putNew({
          ...extra.key,
          entity: extra.kind === 'idempotency' ? 'IdempotencyRecord' : 'DuplicateMarker',
          schemaVersion: SCHEMA_VERSION,
          documentId: document.id,
          ...(extra.kind === 'idempotency' && idempotency !== undefined
            ? { fingerprint: idempotency.fingerprint, expiresAt: Math.floor(Date.parse(document.createdAt) / 1000) + IDEMPOTENCY_SECONDS }
            : {}),
        }),
      ),
    ]);
    if (outcome.committed) {
      return { kind: 'created', document: { ...document, arrivalNumber: outcome.number } };
    }
    // reasons: [document, event, ...extras]; find which marker refused the write.
    const refused = extras.find((_extra, index) => outcome.reasons[index + 2] === 'ConditionalCheckFailed');
    if (refused === undefined) throw new Error(`Registration cancelled for an unexpected reason: ${outcome.reasons.join(', ')}`);
    return this.explainRefusal(refused.kind, refused.key, idempotency?.fingerprint);
  }

  async getDocument(id: string): Promise<IncomingDocument | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.document(id) }));
    return result.Item === undefined ? undefined : stripStorage<IncomingDocument>(result.Item);
  }

  async listDocuments(query: DocumentQuery): Promise<Page<IncomingDocument>> {
    const byStatus = query.status !== undefined;
    const index = byStatus ? 'gsi2' : 'gsi1';
    const partition = byStatus
      ? documentIndexes.byStatus(query.organId, query.direction, query.status ?? '')
      : documentIndexes.byDirection(query.organId, query.direction);
    const base: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index,
      ScanIndexForward: false,
      ...rangeCondition(index, partition, query.from, query.to),
      ...(query.text === undefined
        ? {}
        : { FilterExpression: 'contains(searchText, :text)', ExpressionAttributeValues: { ...rangeValues(partition, query.from, query.to), ':text': query.text } }),
    };
    return this.collectPage(base, index, partition, query.limit, query.nextToken);
  }

  async history(documentId: string): Promise<readonly HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.document(documentId).pk, ':prefix': keys.historyPrefix },
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of result.Items ?? []) events.push(stripStorage<HistoryEvent>(item));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
    return events;
  }

  /** Queries until `limit` matching items are found, so filtered pages are full; the token resumes after the last item returned. */
  private async collectPage(base: QueryCommandInput, index: string, partition: string, limit: number, token: string | undefined): Promise<Page<IncomingDocument>> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined = token === undefined ? undefined : decodePageToken(token, { index, partition });
    for (let round = 0; round < 20 && items.length < limit; round += 1) {
      const result = await this.client.send(
        new QueryCommand({ ...base, Limit: Math.max(limit - items.length, base.FilterExpression === undefined ? 0 : 50), ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }),
      );
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
    const nextToken = startKey === undefined ? undefined : encodePageToken(startKey, { index, partition });
    return { items: items.map((item) => stripStorage<IncomingDocument>(item)), ...(nextToken === undefined ? {} : { nextToken }) };
  }

  private documentItem(document: IncomingDocument): Record<string, unknown> {
    return {
      entity: 'Document',
      schemaVersion: SCHEMA_VERSION,
      ...document,
      searchText: searchText(document),
      gsi1pk: documentIndexes.byDirection(document.organId, document.direction),
      gsi1sk: documentIndexes.created(document.createdAt, document.id),
      gsi2pk: documentIndexes.byStatus(document.organId, document.direction, document.status),
      gsi2sk: documentIndexes.created(document.createdAt, document.id),
      gsi3pk: documentIndexes.register(document.organId, document.direction, document.arrivalYear),
      gsi3sk: pad(document.arrivalNumber, 8),
    };
  }

  private putNew(item: Record<string, unknown>) {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  private async explainRefusal(kind: 'idempotency' | 'duplicate', key: { pk: string; sk: string }, fingerprint: string | undefined): Promise<RegisterOutcome> {
    const marker = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const documentId = String(marker.Item?.documentId ?? '');
    const existing = await this.getDocument(documentId);
    if (existing === undefined) throw new Error(`Marker ${key.pk} points at a missing document ${documentId}`);
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

function lastKey(items: readonly Record<string, unknown>[], index: string): Record<string, unknown> | undefined {
  const last = items.at(-1);
  if (last === undefined) return undefined;
  return { pk: last.pk, sk: last.sk, [`${index}pk`]: last[`${index}pk`], [`${index}sk`]: last[`${index}sk`] };
}
