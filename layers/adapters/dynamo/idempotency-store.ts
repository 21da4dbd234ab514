import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyStore, StoredResponse } from '#domain/idempotency';
import { isConditionalCheckFailed } from './errors.ts';

const KEEP_SECONDS = 24 * 60 * 60;
/** A claim older than this is taken to be a request that died, and may be claimed again. */
const STALE_CLAIM_SECONDS = 60;

/**
 * `IDEMREQ#<scoped key>` / `IDEMREQ`: the claim, then the kept answer (TTL 24 h). The key is already bound to
 * the agency, user and operation (scopedIdempotencyKey in layers/http/idempotency.ts), a digest that
 * names no one.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(key: string, fingerprint: string, now: Date): ReturnType<IdempotencyStore['claim']> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: 'SET #state = :processing, fingerprint = :fingerprint, claimedAt = :now, entity = :entity, schemaVersion = :v, expiresAt = :expires',
          // DynamoDB removes expired items some time after `expiresAt` (up to days): until then it is no key.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds OR (#state = :processing AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':processing': 'processing',
            ':fingerprint': fingerprint,
            ':now': now.toISOString(),
            ':stale': new Date(now.getTime() - STALE_CLAIM_SECONDS * 1000).toISOString(),
            ':entity': 'IdempotentRequest',
            ':v': 1,
            ':expires': Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
            ':nowSeconds': Math.floor(now.getTime() / 1000),
          },
        }),
      );
      return { kind: 'claimed' as const };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const existing = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }));
    const item = existing.Item;
    // Expired between the two calls: the caller tries again with a fresh claim.
    if (item === undefined || Number(item.expiresAt) < Math.floor(now.getTime() / 1000)) return this.claim(key, fingerprint, now);
    if (item.state !== 'done') return { kind: 'in-progress' as const };
    return { kind: 'done' as const, fingerprint: String(item.fingerprint), response: item.response as StoredResponse };
  }

  async complete(key: string, response: StoredResponse, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(key),
        UpdateExpression: 'SET #state = :done, #response = :response, completedAt = :now',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': response, ':now': now.toISOString() },
      }),
    );
  }

  async release(key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(key) })).catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
  }

  private key(key: string) {
    return { pk: `IDEMREQ#${key}`, sk: 'IDEMREQ' };
  }
}
