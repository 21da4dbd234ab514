import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Document } from '#domain/documents/document';
import type { HistoryEvent } from '#domain/documents/history';
import type { Delivery } from '#domain/deliveries/delivery';
import { historyCounterChanges, recordChange, sentChange, type CounterChange } from '#domain/kpi/counters';
import type { WorkRecord } from '#domain/records/record';
import { keys, stripStorage } from './keys.ts';
import { queryAll } from './query-all.ts';

/**
 * MAINTENANCE ONLY (the KPI backfill command, never a request path): reads every document with its
 * history, every work record and every delivery, with a parallel Scan, and yields the counter changes
 * they imply.
 */
export async function* historyChanges(client: DynamoDBDocumentClient, tableName: string, segments = 4): AsyncGenerator<CounterChange> {
  for (let segment = 0; segment < segments; segment += 1) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          Segment: segment,
          TotalSegments: segments,
          FilterExpression: 'entity IN (:document, :record, :delivery)',
          ExpressionAttributeValues: { ':document': 'Document', ':record': 'WorkRecord', ':delivery': 'Delivery' },
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.entity === 'WorkRecord') yield* recordChanges(stripStorage<WorkRecord>(item));
        else if (item.entity === 'Delivery') yield* deliveryChanges(stripStorage<Delivery>(item));
        else yield* documentChanges(client, tableName, stripStorage<Document>(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
}

/** A document's history, each event read against the document as it left it (historyCounterChanges). */
async function* documentChanges(client: DynamoDBDocumentClient, tableName: string, document: Document): AsyncGenerator<CounterChange> {
  const events = (await queryAll(client, tableName, keys.document(document.id).pk, keys.historyPrefix)).map((item) => stripStorage<HistoryEvent>(item));
  yield* historyCounterChanges(document, events);
}

/** A delivery counts once as sent through its channel, at its hand-over time. */
function* deliveryChanges(delivery: Delivery): Generator<CounterChange> {
  const sent = delivery.history.find((entry) => entry.code === 'sent');
  if (sent !== undefined) yield sentChange(delivery.senderOrgId, delivery.channel, new Date(sent.at));
}

function* recordChanges(record: WorkRecord): Generator<CounterChange> {
  const medium = record.medium ?? 'online';
  yield recordChange(record.organId, 'opened', medium, new Date(record.openedAt));
  if (record.status === 'closed') yield recordChange(record.organId, 'closed', medium, new Date(record.closedAt ?? record.updatedAt));
}
