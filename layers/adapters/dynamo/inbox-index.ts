import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '#domain/documents/store';
import { ValidationError } from '#domain/errors';

/**
 * The inbox index (gsi1): `NOTIFY#<audience key>` / `<at>#<id>` — deadline reminders (reminder-store.ts) and
 * notices (notice-store.ts) of one audience: a person, a unit, the holders of a role in an agency.
 */
export const inboxPartition = (audience: string) => `NOTIFY#${audience}`;

/**
 * Up to `limit` items of several audiences' inboxes merged newest first, with one token for the whole
 * merge (per audience: the last item taken, or `done`). A token is accepted only for the audiences it was
 * issued to, so it cannot open someone else's inbox. `unreadBy` leaves out what that person read.
 */
export async function mergedInbox(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: { readonly audiences: readonly string[]; readonly limit: number; readonly nextToken?: string; readonly unreadBy?: string },
): Promise<Page<Record<string, unknown>>> {
  const partitions = query.audiences.map(inboxPartition);
  const cursor = decodeInboxToken(query.nextToken, partitions);
  const fetched = await Promise.all(partitions.map((partition, index) => inboxPage(client, tableName, partition, cursor[index], query.limit, query.unreadBy)));
  const merged = fetched
    .flatMap((page, index) => page.items.map((item) => ({ item, index })))
    .sort((a, b) => (String(a.item.gsi1sk) < String(b.item.gsi1sk) ? 1 : -1))
    .slice(0, query.limit);
  const next = fetched.map((page, index): InboxPosition | undefined => {
    const taken = merged.filter((entry) => entry.index === index);
    if (page.done && taken.length === page.items.length) return 'done';
    // Every item of the page was taken: continue after the page (a filter may have skipped items after the last one).
    if (taken.length === page.items.length && page.last !== undefined) return page.last;
    return positionAfter(taken, cursor[index]);
  });
  const finished = next.every((position) => position === 'done');
  return { items: merged.map((entry) => entry.item), ...(finished ? {} : { nextToken: encodeInboxToken(partitions, next) }) };
}

/** Up to `limit` items of one inbox after its position; `done` when the partition has no more. */
async function inboxPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  position: InboxPosition | undefined,
  limit: number,
  unreadBy: string | undefined,
): Promise<{ items: Record<string, unknown>[]; done: boolean; last?: InboxPosition }> {
  if (position === 'done') return { items: [], done: true };
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partition, ...(unreadBy === undefined ? {} : { ':reader': unreadBy }) },
      ...(unreadBy === undefined ? {} : { FilterExpression: 'NOT contains(readBy, :reader)' }),
      ScanIndexForward: false,
      Limit: limit,
      ...(position === undefined ? {} : { ExclusiveStartKey: { ...position, gsi1pk: partition } }),
    }),
  );
  const last = result.LastEvaluatedKey;
  return {
    items: result.Items ?? [],
    done: last === undefined,
    ...(last === undefined ? {} : { last: { pk: String(last.pk), sk: String(last.sk), gsi1sk: String(last.gsi1sk) } }),
  };
}

/** Per audience: the last item returned (its table and index keys), or `done`. */
type InboxPosition = { pk: string; sk: string; gsi1sk: string } | 'done';

function positionAfter(taken: readonly { item: Record<string, unknown> }[], previous: InboxPosition | undefined): InboxPosition | undefined {
  const last = taken.at(-1)?.item;
  if (last === undefined) return previous;
  return { pk: String(last.pk), sk: String(last.sk), gsi1sk: String(last.gsi1sk) };
}

/** A key attribute DynamoDB takes: not empty, and within its byte limit (2,048 for a partition key, 1,024 for a sort key). */
const keyValue = (bytes: number) => z.string().refine((value) => value !== '' && Buffer.byteLength(value, 'utf8') <= bytes);
const positionSchema = z.union([
  z.literal('done'),
  z.strictObject({
    pk: keyValue(2048).refine((value) => /^(DOC|NOTICE)#./.test(value)),
    sk: keyValue(1024).refine((value) => /^(REMINDER|TO)#./.test(value)),
    gsi1sk: keyValue(1024),
  }),
]);
const inboxTokenSchema = z.strictObject({ partitions: z.array(z.string()), positions: z.array(positionSchema.nullable()) });

function encodeInboxToken(partitions: readonly string[], positions: readonly (InboxPosition | undefined)[]): string {
  return Buffer.from(JSON.stringify({ partitions, positions: positions.map((p) => p ?? null) })).toString('base64url');
}

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
