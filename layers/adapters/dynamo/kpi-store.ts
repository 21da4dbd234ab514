import { BatchGetCommand, type BatchGetCommandOutput, BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CounterChange } from '#domain/kpi/counters';
import type { AssigneeCounterRow, CounterRow, KpiStore, PersonCounterRow, RebuiltCounters } from '#domain/kpi/store';
import { directoryCodes } from './agency-store.ts';
import { SCHEMA_VERSION } from './keys.ts';
import { labelled, transactWrite } from './transaction.ts';
import { counterUpdates, kpiKeys, kpiPrefixes } from './kpi-items.ts';
import { queryAll, queryPages } from './query-all.ts';

const IDENTITY = new Set(['pk', 'sk', 'entity', 'schemaVersion', 'organId', 'year', 'sub', 'assignee', 'kind', 'name']);
/** The sort keys of counter items in an agency's partition (what the rebuild may replace or remove). */
const COUNTER_SK = /^(AGENCY$|PERSON#|ASSIGNEE#)/;
const PARTITIONS_AT_ONCE = 16;
const KEYS_PER_BATCH_GET = 100;
const ATTEMPTS = 10;

/** KPI counters on the single table (see kpi-items.ts for the keys). */
export class DynamoKpiStore implements KpiStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Each agency's counters sit in its own partition (kpi-items.ts), so there is no year partition to
   * Query: the agencies come from the directory and their counter items are read by key, 100 a call.
   * Agencies without counters that year are left out.
   */
  async agencyCounters(year: number): Promise<readonly CounterRow[]> {
    const codes = await directoryCodes(this.client, this.tableName);
    const chunks = Array.from({ length: Math.ceil(codes.length / KEYS_PER_BATCH_GET) }, (_, i) => codes.slice(i * KEYS_PER_BATCH_GET, (i + 1) * KEYS_PER_BATCH_GET));
    const items = (await Promise.all(chunks.map((chunk) => this.batchGet(chunk.map((organId) => kpiKeys.agency(year, organId)))))).flat();
    return items.map((item) => ({ organId: String(item.organId), counts: countsOf(item) })).sort((a, b) => (a.organId < b.organId ? -1 : a.organId > b.organId ? 1 : 0));
  }

  async personCounters(year: number, organId: string): Promise<readonly PersonCounterRow[]> {
    const items = await this.queryAll(kpiKeys.partition(year, organId), kpiPrefixes.person);
    return items.map((item) => ({ organId, sub: String(item.sub), ...nameOf(item), counts: countsOf(item) }));
  }

  async assigneeCounters(year: number, organId: string): Promise<readonly AssigneeCounterRow[]> {
    const items = await this.queryAll(kpiKeys.partition(year, organId), kpiPrefixes.assignee);
    return items.map((item) => ({
      organId,
      key: String(item.sk).slice(kpiPrefixes.assignee.length),
      kind: item.kind === 'unit' ? ('unit' as const) : ('person' as const),
      ...nameOf(item),
      counts: countsOf(item),
    }));
  }

  async add(change: CounterChange): Promise<void> {
    // Counter ADDs have no condition: the only cancellation is a conflict, which transactWrite retries.
    await transactWrite(this.client, labelled('kpi', counterUpdates(this.tableName, change)), { subject: `KPI counters of ${change.organId} ${change.year}` });
  }

  /**
   * Puts every rebuilt item (whole: a metric the history no longer gives disappears) and deletes the counter
   * items of the year that the rebuild did not produce, in the partitions of the directory's agencies and
   * of the rebuilt ones (one Query each, keys only).
   */
  async replaceCounters(year: number, rebuilt: RebuiltCounters): Promise<void> {
    const named = (name: string | undefined) => (name === undefined ? {} : { name });
    const items: Record<string, unknown>[] = [
      ...rebuilt.agencies.map((row) => ({ ...kpiKeys.agency(year, row.organId), entity: 'KpiCounters', schemaVersion: SCHEMA_VERSION, organId: row.organId, year, ...row.counts })),
      ...rebuilt.people.map((row) => ({
        ...kpiKeys.person(year, row.organId, row.sub),
        entity: 'KpiPersonCounters',
        schemaVersion: SCHEMA_VERSION,
        organId: row.organId,
        year,
        sub: row.sub,
        ...named(row.name),
        ...row.counts,
      })),
      ...rebuilt.assignees.map((row) => ({
        ...kpiKeys.assignee(year, row.organId, row.key),
        entity: 'KpiAssigneeCounters',
        schemaVersion: SCHEMA_VERSION,
        organId: row.organId,
        year,
        assignee: row.key,
        kind: row.kind,
        ...named(row.name),
        ...row.counts,
      })),
    ];
    const kept = new Set(items.map((item) => `${item.pk}|${item.sk}`));
    const organIds = [
      ...new Set([...(await directoryCodes(this.client, this.tableName)), ...[...rebuilt.agencies, ...rebuilt.people, ...rebuilt.assignees].map((row) => row.organId)]),
    ];
    const stale: { pk: string; sk: string }[] = [];
    for (let i = 0; i < organIds.length; i += PARTITIONS_AT_ONCE) {
      const found = await Promise.all(organIds.slice(i, i + PARTITIONS_AT_ONCE).map((organId) => this.counterKeys(kpiKeys.partition(year, organId))));
      stale.push(...found.flat().filter((key) => !kept.has(`${key.pk}|${key.sk}`)));
    }
    await this.batchWrite([...items.map((Item) => ({ PutRequest: { Item } })), ...stale.map((Key) => ({ DeleteRequest: { Key } }))]);
  }

  /** The keys of the counter items of one agency partition. */
  private async counterKeys(partition: string): Promise<{ pk: string; sk: string }[]> {
    const keys: { pk: string; sk: string }[] = [];
    for await (const item of queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ProjectionExpression: 'pk, sk',
    })) {
      if (typeof item.sk === 'string' && COUNTER_SK.test(item.sk)) keys.push({ pk: String(item.pk), sk: item.sk });
    }
    return keys;
  }

  private async batchWrite(requests: readonly Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: readonly Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
        // A rebuild that silently left items behind would report wrong counters: give up loudly instead.
        if (attempt === ATTEMPTS) throw new Error(`KPI rebuild: ${pending.length} writes still unprocessed after ${ATTEMPTS} BatchWriteItem calls`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
        const result: BatchWriteCommandOutput = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: [...pending] } }));
        pending = result.UnprocessedItems?.[this.tableName];
      }
    }
  }

  private async batchGet(keys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending: readonly Record<string, unknown>[] | undefined = keys;
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
      // A report that silently missed an agency would show wrong totals: give up loudly instead.
      if (attempt === ATTEMPTS) throw new Error(`KPI counters: ${pending.length} keys still unprocessed after ${ATTEMPTS} BatchGetItem calls`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
      const result: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: [...pending] } } }));
      items.push(...(result.Responses?.[this.tableName] ?? []));
      pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return items;
  }

  private queryAll(partition: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.client, this.tableName, partition, prefix);
  }
}

function nameOf(item: Record<string, unknown>): { name?: string } {
  return typeof item.name === 'string' ? { name: item.name } : {};
}

function countsOf(item: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) if (!IDENTITY.has(name) && typeof value === 'number') counts[name] = value;
  return counts;
}
