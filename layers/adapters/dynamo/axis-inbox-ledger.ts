import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AxisInboxLedger } from '#domain/axis/inbox';
import { isConditionalCheckFailed } from './errors.ts';

/** `AXISQ#<docId>` / `AXISQ`: when the poller last queued a listed package (expires after a day). */
export class DynamoAxisInboxLedger implements AxisInboxLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(docId: string, now: Date, requeueAfterSeconds: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `AXISQ#${docId}`, sk: 'AXISQ' },
          UpdateExpression: 'SET queuedAt = :now, entity = :entity, schemaVersion = :v, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(pk) OR queuedAt < :stale',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':stale': new Date(now.getTime() - requeueAfterSeconds * 1000).toISOString(),
            ':entity': 'AxisInboxClaim',
            ':v': 1,
            ':expires': Math.floor(now.getTime() / 1000) + 24 * 3600,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
