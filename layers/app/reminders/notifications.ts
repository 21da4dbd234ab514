import type { Page } from '#domain/documents/store';
import { recipientKey, type Reminder } from '#domain/reminders/reminder';
import { seesEverySecret } from '#domain/documents/visibility';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * The caller's reminders, newest first: those addressed to them in person and those addressed to their
 * agency (a unit lead, or a document nobody was assigned yet) — for a secret document, to its clerks and
 * leaders only. Each reminder appears once, whatever became of its e-mail (`status`).
 *
 * @example
 * const page = await listNotifications(deps, ctx, { limit: 25 });
 * page.items[0]?.subject; // 'Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn 28/11/2026'
 */
export async function listNotifications(deps: Dependencies, ctx: RequestContext, input: { limit: number; nextToken?: string }): Promise<Page<Reminder>> {
  const { principal } = ctx;
  const recipients = [recipientKey({ kind: 'person', sub: principal.sub }), recipientKey({ kind: 'unit', organId: principal.organId })];
  const page = await deps.reminders.inbox({ recipients, limit: input.limit, ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }) });
  // Need-to-know: a secret document's reminder to the agency is for its clerks and leaders, not everyone in it.
  if (seesEverySecret(principal)) return page;
  return { ...page, items: page.items.filter((reminder) => reminder.secret !== true || reminder.recipient.kind === 'person') };
}
