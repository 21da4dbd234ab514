import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recipientKey, type Reminder, type ReminderStatus } from '#domain/reminders/reminder';
import type { ReminderStore } from '#domain/reminders/store';
import { isConditionalCheckFailed } from './errors.ts';
import { inboxPartition } from './inbox-index.ts';
import { SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';
/** `<documentId>#<name>` (reminderKey) → `DOC#<documentId>` / `REMINDER#<name>`; document ids (ULIDs) never contain `#`. */
const itemKeyOf = (key: string): Key => {
  const split = key.indexOf('#');
  return { pk: `DOC#${key.slice(0, split)}`, sk: `REMINDER#${key.slice(split + 1)}` };
};
const cursorKey = (job: string): Key => ({ pk: `SCHEDULE#${job}`, sk: 'CURSOR' });

/**
 * ReminderStore on the single table (docs/DATA.md): the reminder under its document, indexed by recipient
 * for the inbox (read with the notices, notice-store.ts). Recording is `attribute_not_exists`; claims and settlements are conditional on the
 * attempt count read, so two runs never both own one delivery.
 */
export class DynamoReminderStore implements ReminderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(keys: readonly string[]): Promise<ReadonlyMap<string, Reminder>> {
    const found = new Map<string, Reminder>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((key) => ({ ...itemKeyOf(key) }));
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
        if (attempt >= 10) throw new Error(`BatchGetItem left ${pending.length} reminder keys unprocessed after 10 attempts`);
        if (attempt > 0) await pause(20 * 2 ** attempt);
        const result: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const reminder = stripStorage<Reminder>(item);
          found.set(reminder.key, reminder);
        }
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async record(reminder: Reminder): Promise<'recorded' | 'exists'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKeyOf(reminder.key),
            entity: 'Reminder',
            schemaVersion: SCHEMA_VERSION,
            ...reminder,
            gsi1pk: inboxPartition(recipientKey(reminder.recipient)),
            gsi1sk: `${reminder.recordedAt}#${reminder.key}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'exists';
      throw error;
    }
  }

  async claim(reminder: Reminder, at: string, staleBefore: string): Promise<Reminder | undefined> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKeyOf(reminder.key),
          UpdateExpression: 'SET attempts = :next, lastAttemptAt = :at',
          ConditionExpression: '#status = :pending AND attempts = :seen AND lastAttemptAt <= :stale',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':next': reminder.attempts + 1, ':at': at, ':pending': 'pending', ':seen': reminder.attempts, ':stale': staleBefore },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes === undefined ? undefined : stripStorage<Reminder>(result.Attributes);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async settle(reminder: Reminder, outcome: { status: ReminderStatus; at: string; note?: string }): Promise<'settled' | 'superseded'> {
    const final = outcome.status !== 'pending';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKeyOf(reminder.key),
          UpdateExpression: `SET #status = :status${final ? ', settledAt = :at' : ''}${outcome.note === undefined ? ' REMOVE note' : ', note = :note'}`,
          ConditionExpression: '#status = :pending AND attempts = :mine',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':pending': 'pending',
            ':mine': reminder.attempts,
            ...(final ? { ':at': outcome.at } : {}),
            ...(outcome.note === undefined ? {} : { ':note': outcome.note }),
          },
        }),
      );
      return 'settled';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'superseded';
      throw error;
    }
  }

  async cursor(job: string): Promise<string | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: cursorKey(job), ConsistentRead: true }));
    const cursor = result.Item?.cursor;
    return typeof cursor === 'string' ? cursor : undefined;
  }

  /** Last writer wins on purpose: two overlapping runs only repeat harmless reads (reminders are recorded once). */
  async saveCursor(job: string, cursor: string | undefined, at: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...cursorKey(job), entity: 'ScheduleCursor', schemaVersion: SCHEMA_VERSION, ...(cursor === undefined ? {} : { cursor }), updatedAt: at },
      }),
    );
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
