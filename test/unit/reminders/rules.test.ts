import { describe, expect, it } from 'vitest';
import { vietnamSampleCalendar } from '#domain/calendar/vietnam';
import { WorkingCalendar } from '#domain/calendar/working-calendar';
import { reminderKey } from '#domain/reminders/reminder';
import { checkDeadline, firstOverdueDate, reminderPolicySchema } from '#domain/reminders/rules';
import { AGENCY, assigned, incomingDocument, leader, noonInVietnam, specialist } from './fixtures.ts';

const plainWeeks = new WorkingCalendar();
const kinds = (check: ReturnType<typeof checkDeadline>) => check.reminders.map((r) => (r.kind === 'escalation' ? `escalation-${r.level}` : r.kind));

describe('due-soon reminders', () => {
  it('on a Friday, counts Monday and Tuesday as the two working days left, skipping the weekend', () => {
    // Prepare
    const friday = noonInVietnam('2026-11-27');
    // Act
    const tuesday = checkDeadline(assigned('2026-12-01'), friday, vietnamSampleCalendar);
    const wednesday = checkDeadline(assigned('2026-12-02'), friday, vietnamSampleCalendar);
    // Assess
    expect(tuesday.reminders).toEqual([expect.objectContaining({ kind: 'due-soon', workingDays: 2, recipient: { kind: 'person', sub: 'cv-01', name: specialist.name } })]);
    expect(wednesday.reminders).toEqual([]);
  });

  it('knows the Tết holidays of the sample calendar: the Monday after Tết is one working day after the Friday before it', () => {
    // Prepare
    const fridayBeforeTet = noonInVietnam('2026-02-13');
    const document = assigned('2026-02-23');
    // Act
    const withTet = checkDeadline(document, fridayBeforeTet, vietnamSampleCalendar);
    const withoutTet = checkDeadline(document, fridayBeforeTet, plainWeeks);
    // Assess
    expect(withTet.reminders.map((r) => [r.kind, r.workingDays])).toEqual([['due-soon', 1]]);
    expect(withoutTet.reminders).toEqual([]);
  });

  it('reminds on the deadline day itself, with no working day left and no overdue flag', () => {
    // Act
    const check = checkDeadline(assigned('2026-11-27'), noonInVietnam('2026-11-27'), vietnamSampleCalendar);
    // Assess
    expect(check.reminders.map((r) => [r.kind, r.workingDays])).toEqual([['due-soon', 0]]);
    expect(check.flagOverdueSince).toBeUndefined();
  });
});

describe('overdue reminders and escalations', () => {
  it('turns overdue the day after the deadline: reminder to the lead and the overdue flag, no escalation yet', () => {
    // Act
    const check = checkDeadline(assigned('2026-11-26'), noonInVietnam('2026-11-27'), vietnamSampleCalendar);
    // Assess
    expect(kinds(check)).toEqual(['overdue']);
    expect(check.reminders[0]).toMatchObject({ recipient: { kind: 'person', sub: 'cv-01' }, workingDays: 1 });
    expect(check.flagOverdueSince).toBe('2026-11-27');
  });

  it('escalates to the leader who assigned it once two working days late, not on the weekend in between', () => {
    // Prepare: due Thursday 26/11; Friday is 1 working day late, Monday 2
    const document = assigned('2026-11-26');
    // Act
    const saturday = checkDeadline(document, noonInVietnam('2026-11-28'), vietnamSampleCalendar);
    const monday = checkDeadline(document, noonInVietnam('2026-11-30'), vietnamSampleCalendar);
    // Assess
    expect(kinds(saturday)).toEqual(['overdue']);
    expect(kinds(monday)).toEqual(['overdue', 'escalation-1']);
    expect(monday.reminders[1]).toMatchObject({ recipient: { kind: 'person', sub: leader.sub, name: leader.name }, workingDays: 2 });
  });

  it('counts days late in working days across Tết', () => {
    // Prepare: due Friday 13/2/2026, checked on Monday 23/2 after the Tết week
    const document = assigned('2026-02-13');
    // Act
    const withTet = checkDeadline(document, noonInVietnam('2026-02-23'), vietnamSampleCalendar);
    const withoutTet = checkDeadline(document, noonInVietnam('2026-02-23'), plainWeeks);
    // Assess
    expect(kinds(withTet)).toEqual(['overdue']);
    expect(kinds(withoutTet)).toEqual(['overdue', 'escalation-1']);
  });

  it('escalates at each configured threshold with its own level', () => {
    // Prepare
    const policy = reminderPolicySchema.parse({ escalationAfterWorkingDays: [2, 5] });
    const document = assigned('2026-11-26');
    // Act
    const fourLate = checkDeadline(document, noonInVietnam('2026-12-02'), vietnamSampleCalendar, policy);
    const fiveLate = checkDeadline(document, noonInVietnam('2026-12-03'), vietnamSampleCalendar, policy);
    // Assess
    expect(kinds(fourLate)).toEqual(['overdue', 'escalation-1']);
    expect(kinds(fiveLate)).toEqual(['overdue', 'escalation-1', 'escalation-2']);
  });

  it('does not flag a document flagged before', () => {
    // Act
    const check = checkDeadline(assigned('2026-11-26', specialist, { overdueSince: '2026-11-27' }), noonInVietnam('2026-12-01'), vietnamSampleCalendar);
    // Assess
    expect(check.flagOverdueSince).toBeUndefined();
    expect(kinds(check)).toEqual(['overdue', 'escalation-1']);
  });

  it('does not escalate to the lead itself when the leader assigned the document to himself', () => {
    // Act
    const check = checkDeadline(assigned('2026-11-26', { kind: 'person', sub: leader.sub, name: leader.name }), noonInVietnam('2026-12-01'), vietnamSampleCalendar);
    // Assess
    expect(kinds(check)).toEqual(['overdue']);
  });
});

describe('recipients', () => {
  it('addresses a unit lead by its code, for the notifier to resolve', () => {
    // Act
    const check = checkDeadline(assigned('2026-11-30', { kind: 'unit', organId: '000.00.92.H26', name: 'Phòng Kế hoạch' }), noonInVietnam('2026-11-27'), vietnamSampleCalendar);
    // Assess
    expect(check.reminders[0]?.recipient).toEqual({ kind: 'unit', organId: '000.00.92.H26', name: 'Phòng Kế hoạch' });
  });

  it("addresses an unassigned document's reminders to its own agency, with no escalation", () => {
    // Act
    const check = checkDeadline(incomingDocument({ dueDate: '2026-11-20' }), noonInVietnam('2026-12-01'), vietnamSampleCalendar);
    // Assess
    expect(kinds(check)).toEqual(['overdue']);
    expect(check.reminders[0]?.recipient).toEqual({ kind: 'unit', organId: AGENCY });
  });

  it.each([
    ['finished', assigned('2026-11-20', specialist, { status: 'finished' })],
    ['returned', incomingDocument({ status: 'returned', dueDate: '2026-11-20' })],
    ['without a deadline', incomingDocument()],
  ])('asks nothing for a document %s', (_case, document) => {
    // Act
    const check = checkDeadline(document, noonInVietnam('2026-12-01'), vietnamSampleCalendar);
    // Assess
    expect(check).toEqual({ reminders: [] });
  });
});

describe('reminder keys', () => {
  it('are the same for the same document, kind, deadline, level and recipient, whenever checked', () => {
    // Prepare
    const document = assigned('2026-11-26');
    // Act
    const monday = checkDeadline(document, noonInVietnam('2026-11-30'), vietnamSampleCalendar);
    const tuesday = checkDeadline({ ...document, version: 7 }, noonInVietnam('2026-12-01'), vietnamSampleCalendar);
    // Assess
    expect(monday.reminders.map((r) => r.key)).toEqual(tuesday.reminders.map((r) => r.key));
    expect(monday.reminders.map((r) => r.key)).toEqual([
      '01JDOC0000000000000000000A#overdue#2026-11-26#person:cv-01',
      '01JDOC0000000000000000000A#escalation-1#2026-11-26#person:ld-01',
    ]);
    expect(new Set(monday.reminders.map((r) => reminderKey(r))).size).toBe(2);
  });

  it('change with a reassignment to a new deadline or a new lead', () => {
    // Prepare
    const now = noonInVietnam('2026-11-27');
    const before = checkDeadline(assigned('2026-11-30'), now, vietnamSampleCalendar).reminders[0]?.key;
    // Act
    const newDeadline = checkDeadline(assigned('2026-12-01'), now, vietnamSampleCalendar).reminders[0]?.key;
    const newLead = checkDeadline(assigned('2026-11-30', { kind: 'person', sub: 'cv-02', name: 'B' }), now, vietnamSampleCalendar).reminders[0]?.key;
    // Assess
    expect(new Set([before, newDeadline, newLead]).size).toBe(3);
  });
});

describe('firstOverdueDate and the policy', () => {
  it('moves a deadline on a day off to the next working day first', () => {
    // Act / Assess
    expect(firstOverdueDate('2026-11-26', vietnamSampleCalendar)).toBe('2026-11-27');
    expect(firstOverdueDate('2026-11-28', vietnamSampleCalendar)).toBe('2026-12-01');
    expect(firstOverdueDate('2026-02-14', vietnamSampleCalendar)).toBe('2026-02-24');
  });

  it('refuses thresholds that do not increase', () => {
    // Act
    const parsed = reminderPolicySchema.safeParse({ escalationAfterWorkingDays: [3, 2] });
    // Assess
    expect(parsed.success).toBe(false);
  });
});
