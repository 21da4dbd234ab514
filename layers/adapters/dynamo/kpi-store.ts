import { BatchWriteCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CounterChange } from '#domain/kpi/counters';
import type { CounterRow, KpiStore } from '#domain/kpi/store';
import { SCHEMA_VERSION } from './keys.ts';
import { counterUpdates, kpiKeys } from './kpi-items.ts';
import { queryAll } from './query-all.ts';

const IDENTITY = new Set(['pk', 'sk', 'entity', 'schemaVersion', 'organId', 'year', 'sub']);

/** KPI counters on the single table (see kpi-items.ts for the keys). */
export class DynamoKpiStore implements KpiStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async agencyCounters(year: number): Promise<readonly CounterRow[]> {
    const items = await this.queryAll(kpiKeys.agencyPartition(year), 'ORG#');
    return items.map((item) => ({ organId: String(item.organId), counts: countsOf(item) }));
  }

  async personCounters(year: number, organId: string): Promise<readonly (CounterRow & { sub: string })[]> {
    const items = await this.queryAll(kpiKeys.personPartition(year, organId), 'PERSON#');
    return items.map((item) => ({ organId, sub: String(item.sub), counts: countsOf(item) }));
  }

  async add(change: CounterChange): Promise<void> {
    await this.client.send(new TransactWriteCommand({ TransactItems: counterUpdates(this.tableName, change) }));
  }

  async replaceAgencyCounters(year: number, rows: readonly CounterRow[]): Promise<void> {
    const existing = await this.agencyCounters(year);
    const kept = new Set(rows.map((r) => r.organId));
    const requests = [
      ...rows.map((row) => ({ PutRequest: { Item: { ...kpiKeys.agency(year, row.organId), entity: 'KpiCounters', schemaVersion: SCHEMA_VERSION, organId: row.organId, year, ...row.counts } } })),
      ...existing.filter((row) => !kept.has(row.organId)).map((row) => ({ DeleteRequest: { Key: kpiKeys.agency(year, row.organId) } })),
    ];
    for (let i = 0; i < requests.length; i += 25) {
      let pending: typeof requests | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending !== undefined && pending.length > 0 && attempt < 10; attempt += 1) {
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = result.UnprocessedItems?.[this.tableName] as typeof requests | undefined;
      }
    }
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
