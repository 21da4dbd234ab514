import { BatchGetCommand, type BatchGetCommandOutput, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CounterChange } from '#domain/kpi/counters';
import type { CounterRow, KpiStore } from '#domain/kpi/store';
import { directoryCodes } from './agency-store.ts';
import { SCHEMA_VERSION } from './keys.ts';
import { labelled, transactWrite } from './transaction.ts';
import { counterUpdates, kpiKeys } from './kpi-items.ts';
import { queryAll } from './query-all.ts';

const IDENTITY = new Set(['pk', 'sk', 'entity', 'schemaVersion', 'organId', 'year', 'sub']);
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

  async personCounters(year: number, organId: string): Promise<readonly (CounterRow & { sub: string })[]> {
    const items = await this.queryAll(kpiKeys.personPartition(year, organId), 'PERSON#');
    return items.map((item) => ({ organId, sub: String(item.sub), counts: countsOf(item) }));
  }

  async add(change: CounterChange): Promise<void> {
    // Counter ADDs have no condition: the only cancellation is a conflict, which transactWrite retries.
    await transactWrite(this.client, labelled('kpi', counterUpdates(this.tableName, change)), { subject: `KPI counters of ${change.organId} ${change.year}` });
  }

  async replaceAgencyCounters(year: number, rows: readonly CounterRow[]): Promise<void> {
    const existing = await this.agencyCounters(year);
    const kept = new Set(rows.map((r) => r.organId));
    const requests = [
      ...rows.map((row) => ({
        PutRequest: { Item: { ...kpiKeys.agency(year, row.organId), entity: 'KpiCounters', schemaVersion: SCHEMA_VERSION, organId: row.organId, year, ...row.counts } },
      })),
      ...existing.filter((row) => !kept.has(row.organId)).map((row) => ({ DeleteRequest: { Key: kpiKeys.agency(year, row.organId) } })),
    ];
    for (let i = 0; i < requests.length; i += 25) {
      let pending: typeof requests | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending !== undefined && pending.length > 0 && attempt < ATTEMPTS; attempt += 1) {
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = result.UnprocessedItems?.[this.tableName] as typeof requests | undefined;
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

function countsOf(item: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) if (!IDENTITY.has(name) && typeof value === 'number') counts[name] = value;
  return counts;
}
