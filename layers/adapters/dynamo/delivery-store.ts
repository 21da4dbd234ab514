import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Delivery } from '#domain/deliveries/delivery';
import type { DeliveryStore } from '#domain/deliveries/store';
import { isConditionalCheckFailed } from './errors.ts';
import { keys, SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';

/**
 * Delivery items live in their document's partition (docs/DATA.md): `DOC#<id>` / `DELIVERY#<recipientOrgId>`,
 * so one Query reads a document's deliveries; gsi2 `DELIVERY#<edxml DocumentId>` / `<recipientOrgId>` lets a
 * status package find the delivery it reports on.
 */
const deliveryKeys = {
  delivery: (documentId: string, recipientOrgId: string): Key => ({ pk: keys.document(documentId).pk, sk: `DELIVERY#${recipientOrgId}` }),
  prefix: 'DELIVERY#',
  byEdxmlId: (edxmlDocumentId: string) => `DELIVERY#${edxmlDocumentId}`,
} as const;

/**
 * DeliveryStore on the single table; created once per (document, recipient), then versioned.
 *
 * @example
 * const deliveries = new DynamoDeliveryStore(dynamoDocumentClient(), required(env.tableName));
 * await deliveries.create(newDelivery({ ... }, now));
 */
export class DynamoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(delivery: Delivery): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: this.item(delivery), ConditionExpression: 'attribute_not_exists(pk)' }));
      return 'created';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'exists';
      throw error;
    }
  }

  async get(documentId: string, recipientOrgId: string): Promise<Delivery | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: deliveryKeys.delivery(documentId, recipientOrgId), ConsistentRead: true }));
    return result.Item === undefined ? undefined : stripStorage<Delivery>(result.Item);
  }

  async listByDocument(documentId: string): Promise<readonly Delivery[]> {
    return this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.document(documentId).pk, ':prefix': deliveryKeys.prefix },
      ConsistentRead: true,
    });
  }

  async findByEdxmlId(edxmlDocumentId: string, recipientOrgId: string): Promise<readonly Delivery[]> {
    const found = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :recipient',
      ExpressionAttributeValues: { ':pk': deliveryKeys.byEdxmlId(edxmlDocumentId), ':recipient': recipientOrgId },
    });
    // The index is eventually consistent: read the items themselves for the version a write will be checked against.
    const items = await Promise.all(found.map((d) => this.get(d.documentId, recipientOrgId)));
    return items.filter((d): d is Delivery => d !== undefined);
  }

  async save(next: Delivery, expectedVersion: number): Promise<'saved' | 'conflict'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(next),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return 'saved';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'conflict';
      throw error;
    }
  }

  private item(delivery: Delivery): Record<string, unknown> {
    return {
      ...deliveryKeys.delivery(delivery.documentId, delivery.recipient.organId),
      entity: 'Delivery',
      schemaVersion: SCHEMA_VERSION,
      ...delivery,
      gsi2pk: deliveryKeys.byEdxmlId(delivery.edxmlDocumentId),
      gsi2sk: delivery.recipient.organId,
    };
  }

  private async queryAll(input: QueryCommandInput): Promise<Delivery[]> {
    const items: Delivery[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(new QueryCommand({ ...input, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
      for (const item of result.Items ?? []) items.push(stripStorage<Delivery>(item));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }
}
