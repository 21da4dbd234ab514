import { recordChange } from '#domain/kpi/counters';
import { BatchGetCommand, GetCommand, QueryCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#domain/documents/store';
import { fileCodeKey } from '#domain/records/file-code';
import type { RecordEntry, WorkRecord } from '#domain/records/record';
import type { CreateOutcome, RecordQuery, RecordStore } from '#domain/records/store';
import { pad, SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';
import { counterUpdates } from './kpi-items.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { labelled, transactWrite, type TransactItem } from './transaction.ts';

/**
 * Keys of the work-record items (docs/DATA.md, "Work record"): the record and its memberships share the
 * partition `RECORD#<id>`, so one Query reads a record's documents in ordinal order.
 */
const recordKeys = {
  record: (id: string): Key => ({ pk: `RECORD#${id}`, sk: 'RECORD' }),
  /** Membership: the document at an ordinal (số thứ tự) of the record. */
  entry: (recordId: string, ordinal: number): Key => ({ pk: `RECORD#${recordId}`, sk: `DOC#${pad(ordinal, 6)}` }),
  entryPrefix: 'DOC#',
  /** One per (record, document): the same document cannot be added twice. */
  member: (recordId: string, documentId: string): Key => ({ pk: `RECORD#${recordId}`, sk: `MEMBER#${documentId}` }),
  /** One per FileCode (which starts with the agency's code, so it is unique per agency). */
  fileCode: (code: string): Key => ({ pk: `RECORDCODE#${fileCodeKey(code)}`, sk: 'RECORDCODE' }),
} as const;

const recordIndexes = {
  /** gsi1 on memberships: the records of a document. */
  recordsOfDocument: (documentId: string) => `DOCRECORDS#${documentId}`,
  /** gsi2 on records: an agency's records by year and FileCode. */
  agencyRecords: (organId: string) => `RECORDS#${organId}`,
  yearAndCode: (year: number, code: string) => `${year}#${code}`,
} as const;

/** RecordStore on the single table; no Scan, every write conditional. */
export class DynamoRecordStore implements RecordStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: WorkRecord): Promise<CreateOutcome> {
    const marker = recordKeys.fileCode(record.fileCode);
    const outcome = await transactWrite(
      this.client,
      [
        { label: 'record', item: this.putNew({ ...recordKeys.record(record.id), ...this.recordItem(record) }) },
        { label: 'fileCode', item: this.putNew({ ...marker, entity: 'FileCodeMarker', schemaVersion: SCHEMA_VERSION, recordId: record.id, fileCode: record.fileCode }) },
        ...labelled('kpi', counterUpdates(this.tableName, recordChange(record.organId, 'opened', record.medium ?? 'online', new Date(record.openedAt)))),
      ],
      { subject: `creation of record ${record.id}` },
    );
    if (outcome.committed) return { kind: 'created' };
    if (!outcome.refusedBy.includes('fileCode')) throw outcome.error;
    const existing = await this.client.send(new GetCommand({ TableName: this.tableName, Key: marker, ConsistentRead: true }));
    return { kind: 'duplicate', existingId: String(existing.Item?.recordId ?? '') };
  }

  async get(id: string): Promise<WorkRecord | undefined> {
    // Consistent: writers re-read after losing a race and must see the winner's version.
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: recordKeys.record(id), ConsistentRead: true }));
    return result.Item === undefined ? undefined : stripStorage<WorkRecord>(result.Item);
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, WorkRecord>> {
    const found = new Map<string, WorkRecord>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => ({ ...recordKeys.record(id) }));
      for (let attempt = 0; keys !== undefined && keys.length > 0; attempt += 1) {
        if (attempt === 10) throw new Error(`BatchGet left ${keys.length} records unprocessed after ${attempt} attempts`);
        const result: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const record = stripStorage<WorkRecord>(item);
          found.set(record.id, record);
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async entries(recordId: string): Promise<readonly RecordEntry[]> {
    return this.queryAll<RecordEntry>({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': recordKeys.record(recordId).pk, ':prefix': recordKeys.entryPrefix },
    });
  }

  /**
   * 'stale' when the record or the ordinal's slot was taken meanwhile (the caller re-reads and tries
   * again), 'duplicate' when the document is in the record; transaction conflicts are retried here.
   */
  async addDocument(previous: WorkRecord, next: WorkRecord, entry: RecordEntry): Promise<'added' | 'stale' | 'duplicate'> {
    const outcome = await transactWrite(
      this.client,
      [
        { label: 'record', item: this.replaceOpen(previous, next) },
        {
          label: 'slot',
          item: this.putNew({
            ...recordKeys.entry(entry.recordId, entry.ordinal),
            entity: 'RecordEntry',
            schemaVersion: SCHEMA_VERSION,
            ...entry,
            gsi1pk: recordIndexes.recordsOfDocument(entry.documentId),
            gsi1sk: entry.recordId,
          }),
        },
        {
          label: 'member',
          item: this.putNew({
            ...recordKeys.member(entry.recordId, entry.documentId),
            entity: 'RecordMember',
            schemaVersion: SCHEMA_VERSION,
            recordId: entry.recordId,
            documentId: entry.documentId,
            ordinal: entry.ordinal,
          }),
        },
      ],
      { subject: `addition of document ${entry.documentId} to record ${entry.recordId}` },
    );
    if (outcome.committed) return 'added';
    // The member marker is permanent, so its refusal means "already in" whatever else changed meanwhile.
    return outcome.refusedBy.includes('member') ? 'duplicate' : 'stale';
  }

  async close(previous: WorkRecord, next: WorkRecord): Promise<'closed' | 'stale'> {
    const counted = counterUpdates(this.tableName, recordChange(next.organId, 'closed', next.medium ?? 'online', new Date(next.closedAt ?? next.updatedAt)));
    const outcome = await transactWrite(this.client, [{ label: 'record', item: this.replaceOpen(previous, next) }, ...labelled('kpi', counted)], {
      subject: `closing of record ${previous.id}`,
    });
    return outcome.committed ? 'closed' : 'stale';
  }

  async list(query: RecordQuery): Promise<Page<WorkRecord>> {
    const partition = recordIndexes.agencyRecords(query.organId);
    const scope = { index: 'gsi2', partition };
    const startKey = query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, scope);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: query.year === undefined ? 'gsi2pk = :p' : 'gsi2pk = :p AND begins_with(gsi2sk, :year)',
        ExpressionAttributeValues: { ':p': partition, ...(query.year === undefined ? {} : { ':year': `${query.year}#` }) },
        Limit: query.limit,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    const items = (result.Items ?? []).map((item) => stripStorage<WorkRecord>(item));
    return { items, ...(result.LastEvaluatedKey === undefined ? {} : { nextToken: encodePageToken(result.LastEvaluatedKey, scope) }) };
  }

  async membershipsOf(documentId: string): Promise<readonly RecordEntry[]> {
    return this.queryAll<RecordEntry>({
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': recordIndexes.recordsOfDocument(documentId) },
    });
  }

  private async queryAll<T>(input: QueryCommandInput): Promise<T[]> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(new QueryCommand({ ...input, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
      for (const item of result.Items ?? []) items.push(stripStorage<T>(item));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  /** A put of the record's next state, conditional on the stored one being `previous` and still open. */
  private replaceOpen(previous: WorkRecord, next: WorkRecord) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...recordKeys.record(next.id), ...this.recordItem(next) },
        ConditionExpression: '#version = :version AND #status = :open',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':version': previous.version, ':open': 'open' },
      },
    } satisfies TransactItem;
  }

  private recordItem(record: WorkRecord): Record<string, unknown> {
    return {
      entity: 'WorkRecord',
      schemaVersion: SCHEMA_VERSION,
      ...record,
      gsi2pk: recordIndexes.agencyRecords(record.organId),
      gsi2sk: recordIndexes.yearAndCode(record.year, record.fileCode),
    };
  }

  private putNew(item: Record<string, unknown>): TransactItem {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
}
