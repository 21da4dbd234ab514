import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxEntry, OutboxStore } from '#domain/outbox';
import { isConditionalCheckFailed } from './errors.ts';
import { SCHEMA_VERSION, stripStorage } from './keys.ts';

const PENDING = 'OUTBOX#pending';

export const outboxKeys = {
  entry: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
} as const;

/** The outbox item of an entry, pending (on the sparse gsi1 `OUTBOX#pending`) until relayed. */
export function outboxItem(tableName: string, entry: OutboxEntry) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...outboxKeys.entry(entry.id), entity: 'OutboxEntry', schemaVersion: SCHEMA_VERSION, ...entry, gsi1pk: PENDING, gsi1sk: `${entry.createdAt}#${entry.id}` },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export class DynamoOutboxStore implements OutboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async pending(limit: number): Promise<readonly OutboxEntry[]> {
    const result = await this.client.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': PENDING }, Limit: limit }),
    );
    return (result.Items ?? []).map((item) => stripStorage<OutboxEntry>(item));
  }

  async markRelayed(id: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKeys.entry(id),
          UpdateExpression: 'SET relayedAt = :at, expiresAt = :expires REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(gsi1pk)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':expires': Math.floor(at.getTime() / 1000) + 7 * 24 * 3600 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
