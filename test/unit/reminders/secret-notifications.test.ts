import { describe, expect, it } from 'vitest';
import { listInbox } from '#app/notifications/inbox';
import type { Reminder } from '#domain/reminders/reminder';
import type { Role } from '#domain/identity/principal';
import { fakeDependencies } from '../../support/fake-dependencies.ts';

const AGENCY = '000.00.95.H26';
const reminder = (secret: boolean, recipient: Reminder['recipient']) =>
  ({
    key: `${secret}-${recipient.kind}`,
    documentId: 'D1',
    organId: AGENCY,
    kind: 'overdue',
    dueDate: '2026-11-30',
    recipient,
    subject: 'Quá hạn',
    text: 'x',
    ...(secret ? { secret: true } : {}),
  }) as unknown as Reminder;
const inbox = [
  reminder(true, { kind: 'unit', organId: AGENCY }),
  reminder(false, { kind: 'unit', organId: AGENCY }),
  reminder(true, { kind: 'person', sub: 's' } as Reminder['recipient']),
];
const deps = fakeDependencies({
  notices: { inbox: async () => ({ items: inbox.map((item) => ({ source: 'reminder' as const, reminder: item, readBy: [] })) }) } as never,
  directory: { getPeople: async () => new Map() } as never,
});
const listNotifications = async (d: typeof deps, ctx: Parameters<typeof listInbox>[1], query: { limit: number }) => {
  const page = await listInbox(d, ctx, query);
  return { items: page.items.map((item) => (item.source === 'reminder' ? item.reminder : expect.unreachable())) };
};
const as = (role: Role) => ({ principal: { sub: 's', organId: AGENCY, roles: [role], name: role }, correlationId: 'c' });

describe("a secret document's reminders to the agency", () => {
  it('reach its clerks and leaders, and not the rest of the agency (their own reminders still do)', async () => {
    for (const role of ['clerk', 'leader'] as const) expect((await listNotifications(deps, as(role), { limit: 25 })).items, role).toHaveLength(3);
    for (const role of ['specialist', 'admin'] as const)
      expect(
        (await listNotifications(deps, as(role), { limit: 25 })).items.map((r) => r.key),
        role,
      ).toEqual(['false-unit', 'true-person']);
  });
});
