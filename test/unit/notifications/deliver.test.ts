import { describe, expect, it } from 'vitest';
import { deliverNotice } from '#app/notifications/deliver';
import type { Notice } from '#domain/notifications/notice';
import type { NoticeStore } from '#domain/notifications/store';
import type { DirectoryStore } from '#domain/people/directory';
import type { Person } from '#domain/people/person';
import type { Notification, Notifier } from '#domain/reminders/notifier';
import { fakeDependencies } from '../../support/fake-dependencies.ts';

const AGENCY = '000.00.91.H26';
const person = (i: number, overrides: Partial<Person> = {}): Person => ({
  organId: AGENCY,
  sub: `cv-${i}`,
  name: `Chuyên viên ${i}`,
  units: ['P-TH'],
  roles: ['specialist'],
  email: `cv-${i}@example.invalid`,
  active: true,
  updatedAt: '2026-11-01T00:00:00Z',
  updatedBy: { sub: 'qt', name: 'Quản trị' },
  version: 1,
  ...overrides,
});
const notice: Notice = {
  id: '01JNOTICE00000000000000000A',
  at: '2026-12-01T02:00:00.000Z',
  kind: 'assigned',
  documentId: '01JDOC0000000000000000000A',
  organId: AGENCY,
  audience: [{ kind: 'unit', organId: AGENCY, unitId: 'P-TH' }],
  actor: { sub: 'cv-0', name: 'Lãnh đạo' },
  subject: 'Giao việc',
  text: 'Nội dung',
  secret: false,
};

/** The stores a delivery touches, in memory: the unit's people, the inbox copies and the mail record. */
function world(people: readonly Person[], fail: (n: Notification) => boolean) {
  const recorded = new Set<string>();
  const mailed = new Set<string>();
  const sent: string[] = [];
  const notices = {
    record: async (n: Notice) => (recorded.has(n.id) ? 'exists' : (recorded.add(n.id), 'recorded')),
    mailed: async () => new Set(mailed),
    markMailed: async (_id: string, subs: readonly string[]) => {
      for (const sub of subs) mailed.add(sub);
    },
  } as unknown as NoticeStore;
  const directory = { audience: async () => people.filter((p) => p.active), getPeople: async () => new Map() } as unknown as DirectoryStore;
  const notifier: Notifier = {
    send: async (n) => {
      if (fail(n)) throw new Error('SES throttled');
      sent.push(n.to.kind === 'email' ? n.to.address : '?');
      return { kind: 'sent', to: [] };
    },
  };
  return { deps: fakeDependencies({ notices, directory, notifier }), sent, mailed };
}

describe('delivering a notice to a unit', () => {
  it('mails each member once, never its actor nor the inactive, and a retry mails only those a failure left', async () => {
    // Prepare: 25 people (the actor cv-0 among them, one inactive, one without e-mail); cv-17 fails once
    const people = Array.from({ length: 25 }, (_, i) => person(i, i === 3 ? { active: false } : i === 4 ? { email: undefined } : {}));
    let failures = 0;
    const { deps, sent, mailed } = world(people, (n) => n.reminderKey.endsWith(':cv-17') && failures++ === 0);

    // Act
    const first = deliverNotice(deps, notice);
    await expect(first).rejects.toThrow('SES throttled');
    const retry = await deliverNotice(deps, notice);

    // Assess
    expect(sent.filter((address) => address === 'cv-17@example.invalid')).toHaveLength(1);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toHaveLength(22);
    expect(sent).not.toContain('cv-0@example.invalid');
    expect(sent).not.toContain('cv-3@example.invalid');
    expect(mailed.size).toBe(22);
    // The failure stopped the second round of ten: the retry mails cv-17 and the third round's two.
    expect(retry).toEqual({ people: 23, mailed: 3, withoutEmail: 1, alreadyMailed: 19 });
  });
});
