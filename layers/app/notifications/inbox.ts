import type { Page } from '#domain/documents/store';
import { seesEverySecret } from '#domain/documents/visibility';
import { NotFoundError } from '#domain/errors';
import type { Principal } from '#domain/identity/principal';
import { audienceKey } from '#domain/notifications/notice';
import type { InboxItem } from '#domain/notifications/store';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * The audiences whose inbox is the caller's: themselves, their units in the directory, the clerks or the
 * leaders of their agency when they are one, and the agency as a whole (the deadline reminders of a
 * document nobody was assigned yet).
 */
export async function audiencesOf(deps: Pick<Dependencies, 'directory'>, principal: Principal): Promise<string[]> {
  const person = (await deps.directory.getPeople(principal.organId, [principal.sub])).get(principal.sub);
  const units = person?.active === true ? person.units : [];
  const roles = (['clerk', 'leader'] as const).filter((role) => principal.roles.includes(role));
  return [
    audienceKey({ kind: 'person', sub: principal.sub }),
    ...units.map((unitId) => audienceKey({ kind: 'unit', organId: principal.organId, unitId })),
    ...roles.map((role) => audienceKey({ kind: 'role', organId: principal.organId, role })),
    `unit:${principal.organId}`,
  ];
}

/**
 * The caller's inbox, newest first: the notices of work that arrived (assigned to them or their unit, an
 * urgent document, a draft to approve…) and the deadline reminders, each once, read or not. A secret
 * document's reminder to the agency is for its clerks and leaders only; notices never hold a secret subject.
 *
 * @example
 * const page = await listInbox(deps, ctx, { limit: 25, unread: true });
 * page.items[0]?.subject; // 'Giao việc (chủ trì xử lý): văn bản 15/QĐ-BTC — Về việc …'
 */
export async function listInbox(
  deps: Pick<Dependencies, 'directory' | 'notices'>,
  ctx: RequestContext,
  input: { limit: number; nextToken?: string; unread?: boolean },
): Promise<Page<InboxItem>> {
  const { principal } = ctx;
  const audiences = await audiencesOf(deps, principal);
  const page = await deps.notices.inbox({
    audiences,
    limit: input.limit,
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
    ...(input.unread === true ? { unreadBy: principal.sub } : {}),
  });
  const seen = new Set<string>();
  const items = page.items.filter((item) => {
    // A notice addressed to two of the caller's audiences (their unit and their role) is shown once.
    const id = item.source === 'notice' ? item.notice.id : item.reminder.key;
    if (seen.has(id)) return false;
    seen.add(id);
    // A person's inbox is keyed by their sub: what another agency addressed to that sub (a record left in
    // its directory after a transfer) is not shown here.
    if (item.source === 'notice') return item.notice.organId === principal.organId && item.notice.actor.sub !== principal.sub;
    if (item.reminder.organId !== principal.organId) return false;
    return item.reminder.secret !== true || item.reminder.recipient.kind === 'person' || seesEverySecret(principal);
  });
  return { ...page, items };
}

/** Marks an inbox entry read by the caller; 404 unless it is in one of the caller's inboxes. */
export async function markRead(deps: Pick<Dependencies, 'directory' | 'notices'>, ctx: RequestContext, id: string): Promise<void> {
  const audiences = await audiencesOf(deps, ctx.principal);
  if ((await deps.notices.markRead(id, { sub: ctx.principal.sub, organId: ctx.principal.organId }, audiences)) === 'not-found')
    throw new NotFoundError(`Không có thông báo ${id} trong hộp thư của bạn.`);
}
