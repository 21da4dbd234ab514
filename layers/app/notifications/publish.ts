import type { Document } from '#domain/documents/document';
import { noticesOf, type NoticeDraft } from '#domain/notifications/notice';
import type { OutboxEntry } from '#domain/outbox';
import type { Dependencies } from '../context.ts';

/**
 * The outbox entries of the notices a change calls for (layers/domain/notifications/notice.ts): written in
 * the change's transaction, so a notice is never lost and never sent for a change that did not happen; the
 * `notifications` queue's consumer records it in the inboxes and e-mails the people it concerns.
 *
 * @example
 * const outbox = noticeEntries(deps, current, next, 'submitted', ctx.principal);
 */
export function noticeEntries(
  deps: Pick<Dependencies, 'ids' | 'clock'>,
  before: Document | undefined,
  after: Document,
  action: string,
  actor: { sub: string; name: string },
): OutboxEntry[] {
  return noticesOf(before, after, action, actor).map((draft) => noticeEntry(deps, draft));
}

/** One notice's outbox entry: its id is the entry's (or the one given, for a notice that must stay one on a retry), its time the change's. */
export function noticeEntry(deps: Pick<Dependencies, 'ids' | 'clock'>, draft: NoticeDraft, given?: string): OutboxEntry {
  const id = given ?? deps.ids.next();
  const at = deps.clock.now().toISOString();
  return { id, queue: 'notifications', groupId: draft.documentId, body: { kind: 'notice', notice: { ...draft, id, at } }, createdAt: at };
}
