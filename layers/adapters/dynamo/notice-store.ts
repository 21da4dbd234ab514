import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#domain/documents/store';
import { audienceKey, type Notice } from '#domain/notifications/notice';
import type { InboxItem, NoticeStore } from '#domain/notifications/store';
import type { Reminder } from '#domain/reminders/reminder';
import { isConditionalCheckFailed } from './errors.ts';
import { inboxPartition, mergedInbox } from './inbox-index.ts';
import { SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';

const noticeKeys = {
  /** The notice in one audience's inbox. */
  copy: (id: string, audience: string): Key => ({ pk: `NOTICE#${id}`, sk: `TO#${audience}` }),
  /** Who it was e-mailed to. */
  mail: (id: string): Key => ({ pk: `NOTICE#${id}`, sk: 'MAIL' }),
} as const;

/**
 * NoticeStore on the single table (docs/DATA.md, "Notices"): `NOTICE#<id>` holds one copy per audience
 * (`TO#<audience key>`, on the inbox index gsi1 `NOTIFY#<audience key>`) and the e-mail record (`MAIL`).
 * Copies are written with `attribute_not_exists`, so a redelivered message changes nothing, and `readBy`
 * (a string set) is only ever added to.
 */
export class DynamoNoticeStore implements NoticeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(notice: Notice): Promise<'recorded' | 'exists'> {
    const outcomes = await Promise.all(
      notice.audience.map(async (audience) => {
        const key = audienceKey(audience);
        try {
          await this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: {
                ...noticeKeys.copy(notice.id, key),
                entity: 'Notice',
                schemaVersion: SCHEMA_VERSION,
                ...notice,
                audienceKey: key,
                gsi1pk: inboxPartition(key),
                gsi1sk: `${notice.at}#${notice.id}`,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return 'recorded' as const;
        } catch (error) {
          if (isConditionalCheckFailed(error)) return 'exists' as const;
          throw error;
        }
      }),
    );
    return outcomes.includes('recorded') ? 'recorded' : 'exists';
  }

  async mailed(noticeId: string): Promise<ReadonlySet<string>> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: noticeKeys.mail(noticeId), ConsistentRead: true }));
    const to = result.Item?.mailedTo;
    return to instanceof Set ? new Set([...to].map(String)) : new Set();
  }

  async markMailed(noticeId: string, subs: readonly string[]): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: noticeKeys.mail(noticeId),
        UpdateExpression: 'SET entity = :entity, schemaVersion = :schema ADD mailedTo :sub',
        ExpressionAttributeValues: { ':entity': 'NoticeMail', ':schema': SCHEMA_VERSION, ':sub': new Set(subs) },
      }),
    );
  }

  async inbox(query: { readonly audiences: readonly string[]; readonly limit: number; readonly nextToken?: string; readonly unreadBy?: string }): Promise<Page<InboxItem>> {
    const page = await mergedInbox(this.client, this.tableName, query);
    return { items: page.items.map(inboxItem), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
  }

  async markRead(id: string, reader: { readonly sub: string; readonly organId: string }, audiences: readonly string[]): Promise<'read' | 'not-found'> {
    const keys = await this.copiesOf(id, reader.organId, audiences);
    for (const key of keys) {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD readBy :sub',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':sub': new Set([reader.sub]) },
        }),
      );
    }
    return keys.length === 0 ? 'not-found' : 'read';
  }

  /** The items of an inbox entry of the agency that are in one of these audiences' inboxes. */
  private async copiesOf(id: string, organId: string, audiences: readonly string[]): Promise<Key[]> {
    const wanted = new Set(audiences.map(inboxPartition));
    const mine = (item: Record<string, unknown> | undefined) => item !== undefined && wanted.has(String(item.gsi1pk)) && item.organId === organId;
    const split = id.indexOf('#');
    if (split > 0) {
      // A reminder key: `<documentId>#<name>`, stored under its document.
      const key = { pk: `DOC#${id.slice(0, split)}`, sk: `REMINDER#${id.slice(split + 1)}` };
      const found = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ProjectionExpression: 'gsi1pk, organId' }));
      return mine(found.Item) ? [key] : [];
    }
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :to)',
        ExpressionAttributeValues: { ':pk': `NOTICE#${id}`, ':to': 'TO#' },
        ProjectionExpression: 'pk, sk, gsi1pk, organId',
      }),
    );
    return (result.Items ?? []).filter(mine).map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
  }
}

function inboxItem(item: Record<string, unknown>): InboxItem {
  const readBy = item.readBy instanceof Set ? [...item.readBy].map(String) : [];
  const { readBy: _readBy, ...rest } = item;
  if (item.entity === 'Notice') {
    const { audienceKey: key, ...notice } = stripStorage<Notice & { audienceKey: string }>(rest);
    return { source: 'notice', notice, audienceKey: key, readBy };
  }
  return { source: 'reminder', reminder: stripStorage<Reminder>(rest), readBy };
}
