import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#domain/documents/store';
import type { WebhookEndpoint } from '#domain/webhook-keys/endpoint';
import type { WebhookKey } from '#domain/webhook-keys/key';
import type { OutboundDelivery } from '#domain/webhook-keys/outbound';
import type { WebhookStore } from '#domain/webhook-keys/ports';
import type { ClaimOutcome, StoredResponse, WebhookReceipt } from '#domain/webhook-keys/receipt';
import { isConditionalCheckFailed } from './errors.ts';
import { SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { queryAll } from './query-all.ts';

/**
 * Keys of the webhook items (docs/DATA.md). Keys and the endpoint sit in the agency's partition; a receipt
 * and the arrival markers of its effect share the receipt's partition; the outbound log has its own items,
 * listed newest first through gsi1.
 */
const webhookKeys = {
  key: (organId: string, keyId: string): Key => ({ pk: `AGENCY#${organId}`, sk: `WHKEY#${keyId}` }),
  keyPrefix: 'WHKEY#',
  endpoint: (organId: string): Key => ({ pk: `AGENCY#${organId}`, sk: 'WHENDPOINT' }),
  receipt: (organId: string, webhookId: string): Key => ({ pk: `WEBHOOK#${organId}#${webhookId}`, sk: 'WEBHOOK' }),
  /** One per addressee of a `document.sent`: the document created for it. */
  arrival: (organId: string, webhookId: string, addressee: string): Key => ({ pk: `WEBHOOK#${organId}#${webhookId}`, sk: `ARRIVAL#${addressee}` }),
  outbound: (organId: string, id: string): Key => ({ pk: `WHOUT#${organId}#${id}`, sk: 'WHOUT' }),
  outboundLog: (organId: string) => `WHOUT#${organId}`,
} as const;

/**
 * WebhookStore on the single table; every write conditional (create once, then version or state checks).
 *
 * @example
 * const store = new DynamoWebhookStore(dynamoDocumentClient(), required(env.tableName));
 * const keys = (await store.listKeys('000.00.00.G12')).filter((k) => k.status === 'active');
 */
export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putKey(key: WebhookKey): Promise<void> {
    const created = await this.putNew({ ...webhookKeys.key(key.organId, key.keyId), entity: 'WebhookKey', schemaVersion: SCHEMA_VERSION, ...key });
    if (!created) throw new Error(`Webhook key ${key.keyId} of ${key.organId} already exists`);
  }

  async listKeys(organId: string): Promise<readonly WebhookKey[]> {
    const items = await queryAll(this.client, this.tableName, webhookKeys.endpoint(organId).pk, webhookKeys.keyPrefix, { consistent: true });
    return items.map((item) => stripStorage<WebhookKey>(item));
  }

  async getKey(organId: string, keyId: string): Promise<WebhookKey | undefined> {
    return this.get<WebhookKey>(webhookKeys.key(organId, keyId));
  }

  async revokeKey(organId: string, keyId: string, revoked: { at: string; by: { sub: string; name: string } }): Promise<WebhookKey | undefined> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookKeys.key(organId, keyId),
          UpdateExpression: 'SET #status = :revoked, revokedAt = :at, revokedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':at': revoked.at, ':by': revoked.by },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes === undefined ? undefined : stripStorage<WebhookKey>(result.Attributes);
    } catch (error) {
      // Missing (undefined) or already revoked (returned as it is): either way nothing changed.
      if (isConditionalCheckFailed(error)) return this.getKey(organId, keyId);
      throw error;
    }
  }

  async getEndpoint(organId: string): Promise<WebhookEndpoint | undefined> {
    return this.get<WebhookEndpoint>(webhookKeys.endpoint(organId));
  }

  async saveEndpoint(endpoint: WebhookEndpoint, expectedVersion: number): Promise<'saved' | 'conflict'> {
    const item = { ...webhookKeys.endpoint(endpoint.organId), entity: 'WebhookEndpoint', schemaVersion: SCHEMA_VERSION, ...endpoint };
    return this.putVersioned(item, expectedVersion);
  }

  async getReceipt(organId: string, webhookId: string): Promise<WebhookReceipt | undefined> {
    return this.readReceipt(webhookKeys.receipt(organId, webhookId));
  }

  async claimReceipt(receipt: WebhookReceipt): Promise<ClaimOutcome> {
    const key = webhookKeys.receipt(receipt.organId, receipt.webhookId);
    if (await this.putNew({ ...key, entity: 'WebhookReceipt', schemaVersion: SCHEMA_VERSION, ...receipt })) return { kind: 'claimed' };
    const existing = await this.readReceipt(key);
    if (existing === undefined) throw new Error(`Receipt ${receipt.webhookId} refused its creation but cannot be read`);
    return { kind: 'exists', receipt: existing };
  }

  async completeReceipt(organId: string, webhookId: string, bodyHash: string, response: StoredResponse, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: webhookKeys.receipt(organId, webhookId),
        UpdateExpression: 'SET #status = :done, #response = :response, completedAt = :at',
        ConditionExpression: 'bodyHash = :hash',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': response, ':at': at, ':hash': bodyHash },
      }),
    );
  }

  async claimArrival(organId: string, webhookId: string, addressee: string, documentId: string): Promise<string> {
    const key = webhookKeys.arrival(organId, webhookId, addressee);
    if (await this.putNew({ ...key, entity: 'WebhookArrival', schemaVersion: SCHEMA_VERSION, documentId })) return documentId;
    const existing = await this.get<{ documentId: string }>(key);
    if (existing === undefined) throw new Error(`Arrival marker of ${webhookId} refused its creation but cannot be read`);
    return existing.documentId;
  }

  async createOutbound(entry: OutboundDelivery): Promise<'created' | 'exists'> {
    return (await this.putNew(this.outboundItem(entry))) ? 'created' : 'exists';
  }

  async getOutbound(organId: string, id: string): Promise<OutboundDelivery | undefined> {
    return this.get<OutboundDelivery>(webhookKeys.outbound(organId, id));
  }

  async saveOutbound(next: OutboundDelivery, expectedVersion: number): Promise<'saved' | 'conflict'> {
    return this.putVersioned(this.outboundItem(next), expectedVersion);
  }

  async listOutbound(organId: string, page: { readonly limit: number; readonly nextToken?: string }): Promise<Page<OutboundDelivery>> {
    const partition = webhookKeys.outboundLog(organId);
    const scope = { index: 'gsi1', partition };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ...(page.nextToken === undefined ? {} : { ExclusiveStartKey: decodePageToken(page.nextToken, scope) }),
      }),
    );
    const items = (result.Items ?? []).map((item) => stripStorage<OutboundDelivery>(item));
    return { items, ...(result.LastEvaluatedKey === undefined ? {} : { nextToken: encodePageToken(result.LastEvaluatedKey, scope) }) };
  }

  private outboundItem(entry: OutboundDelivery): Record<string, unknown> {
    return {
      ...webhookKeys.outbound(entry.organId, entry.id),
      entity: 'OutboundWebhook',
      schemaVersion: SCHEMA_VERSION,
      ...entry,
      gsi1pk: webhookKeys.outboundLog(entry.organId),
      gsi1sk: `${entry.createdAt}#${entry.id}`,
    };
  }

  /** A receipt keeps its TTL attribute (`expiresAt`), which `stripStorage` removes from other items. */
  private async readReceipt(key: Key): Promise<WebhookReceipt | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return result.Item === undefined ? undefined : { ...stripStorage<WebhookReceipt>(result.Item), expiresAt: Number(result.Item.expiresAt) };
  }

  private async get<T>(key: Key): Promise<T | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return result.Item === undefined ? undefined : stripStorage<T>(result.Item);
  }

  /** Creates an item; false (nothing written) when one exists under its key. */
  private async putNew(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Creates (`expectedVersion` 0) or replaces the item stored at `expectedVersion`. */
  private async putVersioned(item: Record<string, unknown>, expectedVersion: number): Promise<'saved' | 'conflict'> {
    const condition =
      expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
      return 'saved';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'conflict';
      throw error;
    }
  }
}
