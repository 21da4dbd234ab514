import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '#domain/documents/store';
import { ValidationError } from '#domain/errors';
import { recipientKey, type Reminder, type ReminderStatus } from '#domain/reminders/reminder';
import type { ReminderStore } from '#domain/reminders/store';
import { isConditionalCheckFailed } from './errors.ts';
import { SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';

/** The inbox index of a recipient: gsi1 `NOTIFY#<person:sub | unit:organId>` / `<recordedAt>#<key>`. */
const inboxPartition = (recipient: string) => `NOTIFY#${recipient}`;
/** `<documentId>#<name>` (reminderKey) → `DOC#<documentId>` / `REMINDER#<name>`; document ids (ULIDs) never contain `#`. */
const itemKeyOf = (key: string): Key => {
  const split = key.indexOf('#');
  return { pk: `DOC#${key.slice(0, split)}`, sk: `REMINDER#${key.slice(split + 1)}` };
};
const cursorKey = (job: string): Key => ({ pk: `SCHEDULE#${job}`, sk: 'CURSOR' });

/**
 * ReminderStore on the single table (docs/DATA.md): the reminder under its document, indexed by recipient
 * for the inbox. Recording is `attribute_not_exists`; claims and settlements are conditional on the
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

  async inbox(query: { recipients: readonly string[]; limit: number; nextToken?: string }): Promise<Page<Reminder>> {
    const partitions = query.recipients.map(inboxPartition);
    const cursor = decodeInboxToken(query.nextToken, partitions);
    const fetched = await Promise.all(partitions.map((partition, index) => this.inboxPage(partition, cursor[index], query.limit)));
    const merged = fetched
      .flatMap((page, index) => page.items.map((item) => ({ item, index })))
      .sort((a, b) => (String(a.item.gsi1sk) < String(b.item.gsi1sk) ? 1 : -1))
      .slice(0, query.limit);
    const next = fetched.map((page, index): InboxPosition | undefined => {
      const taken = merged.filter((entry) => entry.index === index);
      return page.done && taken.length === page.items.length ? 'done' : positionAfter(taken, cursor[index]);
    });
    const finished = next.every((position) => position === 'done');
    return { items: merged.map((entry) => stripStorage<Reminder>(entry.item)), ...(finished ? {} : { nextToken: encodeInboxToken(partitions, next) }) };
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

  /** Up to `limit` items of one recipient's inbox after its position; `done` when the partition has no more. */
  private async inboxPage(partition: string, position: InboxPosition | undefined, limit: number): Promise<{ items: Record<string, unknown>[]; done: boolean }> {
    if (position === 'done') return { items: [], done: true };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: limit,
        ...(position === undefined ? {} : { ExclusiveStartKey: { ...position, gsi1pk: partition } }),
      }),
    );
    return { items: result.Items ?? [], done: result.LastEvaluatedKey === undefined };
  }
}

/** Per recipient: the last item returned (its table and index keys), or `done`. */
type InboxPosition = { pk: string; sk: string; gsi1sk: string } | 'done';

function positionAfter(taken: readonly { item: Record<string, unknown> }[], previous: InboxPosition | undefined): InboxPosition | undefined {
  const last = taken.at(-1)?.item;
  if (last === undefined) return previous;
  return { pk: String(last.pk), sk: String(last.sk), gsi1sk: String(last.gsi1sk) };
}

const positionSchema = z.union([
  z.literal('done'),
  z.strictObject({ pk: z.string().startsWith('DOC#').max(200), sk: z.string().startsWith('REMINDER#').max(600), gsi1sk: z.string().max(800) }),
]);
const inboxTokenSchema = z.strictObject({ partitions: z.array(z.string()), positions: z.array(positionSchema.nullable()) });

function encodeInboxToken(partitions: readonly string[], positions: readonly (InboxPosition | undefined)[]): string {
  return Buffer.from(JSON.stringify({ partitions, positions: positions.map((p) => p ?? null) })).toString('base64url');
}

/** A token is accepted only for the recipients it was issued to, so it cannot open someone else's inbox. */
function decodeInboxToken(token: string | undefined, partitions: readonly string[]): (InboxPosition | undefined)[] {
  if (token === undefined) return partitions.map(() => undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = inboxTokenSchema.safeParse(parsed);
  if (!result.success || JSON.stringify(result.data.partitions) !== JSON.stringify(partitions) || result.data.positions.length !== partitions.length) {
    throw new ValidationError('The nextToken is not valid for this list; start again without it.', {
      errors: [{ path: 'query.nextToken', message: 'not a token issued for this list' }],
    });
  }
  return result.data.positions.map((p) => p ?? undefined);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
