import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { workBuckets, type WorkStore } from '#domain/work/work';
import { batchGetAll } from './batch-get.ts';
import { SCHEMA_VERSION } from './keys.ts';
import { queryAll } from './query-all.ts';
import { workKeys } from './work-items.ts';

/** The work counters on the table (work-items.ts): read by key, one BatchGetItem for all of a caller's owners. */
export class DynamoWorkStore implements WorkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async counts(organId: string, owners: readonly string[]): Promise<ReadonlyMap<string, Readonly<Record<string, number>>>> {
    const items = await batchGetAll(
      this.client,
      this.tableName,
      owners.map((owner) => workKeys.owner(organId, owner)),
      { consistent: true },
    );
    return new Map(items.map((item) => [String(item.sk), bucketsOf(item)]));
  }

  async replace(organId: string, counts: ReadonlyMap<string, Readonly<Record<string, number>>>): Promise<void> {
    const existing = await queryAll(this.client, this.tableName, workKeys.partition(organId), '');
    const stale = existing.map((item) => String(item.sk)).filter((owner) => !counts.has(owner));
    const requests = [
      ...stale.map((owner) => ({ DeleteRequest: { Key: workKeys.owner(organId, owner) } })),
      ...[...counts].map(([owner, buckets]) => ({
        PutRequest: { Item: { ...workKeys.owner(organId, owner), entity: 'WorkCounters', schemaVersion: SCHEMA_VERSION, organId, ...buckets } },
      })),
    ];
    for (let i = 0; i < requests.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
        if (attempt >= 10) throw new Error(`BatchWriteItem left ${pending.length} work counters unwritten after 10 attempts`);
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }
}

function bucketsOf(item: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const bucket of workBuckets) if (typeof item[bucket] === 'number') counts[bucket] = item[bucket];
  return counts;
}
