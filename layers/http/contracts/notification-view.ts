import type { InboxItem } from '#domain/notifications/store';
import type { NotificationView } from './notifications.ts';

/** An inbox entry as its reader sees it: `read` for that reader; notices and reminders in one shape. */
export function inboxView(item: InboxItem, reader: string): NotificationView {
  const read = item.readBy.includes(reader);
  if (item.source === 'notice') {
    const { notice } = item;
    return {
      id: notice.id,
      source: 'notice',
      kind: notice.kind,
      documentId: notice.documentId,
      organId: notice.organId,
      subject: notice.subject,
      text: notice.text,
      at: notice.at,
      read,
      actor: notice.actor,
      audience: item.audienceKey,
    };
  }
  const { secret: _secret, ...reminder } = item.reminder;
  return { ...reminder, id: reminder.key, source: 'reminder', at: reminder.recordedAt, read };
}
