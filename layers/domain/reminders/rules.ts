import * as z from 'zod';
import { dateOfEpochDay, epochDay } from '../calendar/day.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { deadlineOf, openStatuses } from '../documents/deadline.ts';
import type { Document } from '../documents/document.ts';
import type { IncomingDocument } from '../documents/incoming.ts';
import { vietnamDate } from '../time.ts';
import { reminderKey, type PlannedReminder } from './reminder.ts';

/**
 * When to escalate: the n-th entry is the number of working days late at which escalation level n + 1
 * goes to the leader who assigned the document. Default `[2]`: one escalation, two working days late.
 * @example reminderPolicySchema.parse({ escalationAfterWorkingDays: [2, 5] })
 */
export const reminderPolicySchema = z.strictObject({
  escalationAfterWorkingDays: z
    .array(z.number().int().min(1).max(365))
    .min(1)
    .max(10)
    .refine((days) => days.every((day, i) => i === 0 || day > (days[i - 1] ?? 0)), 'thresholds must increase')
    .default([2]),
});
export type ReminderPolicy = z.output<typeof reminderPolicySchema>;

export const defaultReminderPolicy: ReminderPolicy = { escalationAfterWorkingDays: [2] };

/** What the watcher should make sure of for one document at one moment. */
export interface DeadlineCheck {
  /** Every reminder the document's state calls for now; the store decides which ones are new. */
  readonly reminders: readonly PlannedReminder[];
  /** Set when the document is overdue but not yet flagged: the first Vietnam date it was overdue. */
  readonly flagOverdueSince?: string;
}

/**
 * The reminders an open document with a deadline (its assignment's, else its own) calls for at `now`:
 * - `due-soon`, to the lead assignee, while at most `DUE_SOON_WORKING_DAYS` working days are left;
 * - `overdue`, to the lead assignee, from the day after the deadline (a deadline on a day off runs to
 *   the next working day), plus the overdue flag on the document;
 * - `escalation` level n, to the leader who assigned it, once it is late by the n-th threshold of the
 *   policy in working days (never to the lead itself when the leader assigned the document to himself).
 * An unassigned document's reminders go to its own agency (its clerks and leaders); it has no escalation.
 * Keys hold the deadline and the recipient, so a new deadline or a new lead gets its own reminders.
 *
 * @example
 * const check = checkDeadline(document, new Date('2026-12-01T02:00:00Z'), calendar);
 * check.reminders.map((r) => r.kind); // ['overdue', 'escalation']
 */
export function checkDeadline(document: Document, now: Date, calendar: WorkingCalendar, policy: ReminderPolicy = defaultReminderPolicy): DeadlineCheck {
  const dueDate = deadlineOf(document);
  if (document.direction !== 'incoming' || dueDate === undefined || !openStatuses.has(document.status)) return { reminders: [] };
  const status = calendar.overdueStatus(dueDate, now);
  const lead = leadRecipient(document);
  const plan = (kind: PlannedReminder['kind'], recipient: PlannedReminder['recipient'], workingDays: number, level = 0): PlannedReminder => {
    const base = { documentId: document.id, organId: document.organId, kind, level, dueDate, recipient };
    return { ...base, key: reminderKey(base), workingDays };
  };
  if (status.dueSoon) {
    const left = Math.max(0, calendar.workingDaysBetween(vietnamDate(now), calendar.addWorkingDays(dueDate, 0)));
    return { reminders: [plan('due-soon', lead, left)] };
  }
  if (!status.overdue) return { reminders: [] };
  const assigner = document.assignment?.assignedBy;
  const escalateTo = assigner === undefined || (lead.kind === 'person' && lead.sub === assigner.sub) ? undefined : assigner;
  const escalations =
    escalateTo === undefined
      ? []
      : policy.escalationAfterWorkingDays.flatMap((threshold, index) =>
          status.daysLate >= threshold ? [plan('escalation', { kind: 'person', sub: escalateTo.sub, name: escalateTo.name }, status.daysLate, index + 1)] : [],
        );
  return {
    reminders: [plan('overdue', lead, status.daysLate), ...escalations],
    ...(document.overdueSince === undefined ? { flagOverdueSince: firstOverdueDate(dueDate, calendar) } : {}),
  };
}

/**
 * The first Vietnam date a deadline is overdue: the day after it, or after the next working day when the
 * deadline falls on a day off.
 * @example firstOverdueDate('2026-02-14', vietnamSampleCalendar) // '2026-02-24' (Saturday before Tết runs to Monday 23/2)
 */
export function firstOverdueDate(dueDate: string, calendar: WorkingCalendar): string {
  return dateOfEpochDay(epochDay(calendar.addWorkingDays(dueDate, 0)) + 1);
}

/** The lead of the assignment, or the holding agency while nobody is assigned. */
function leadRecipient(document: IncomingDocument): PlannedReminder['recipient'] {
  const lead = document.assignment?.lead;
  if (lead === undefined) return { kind: 'unit', organId: document.organId };
  return lead.kind === 'person'
    ? { kind: 'person', sub: lead.sub, name: lead.name }
    : { kind: 'unit', organId: lead.organId, ...(lead.unitId === undefined ? {} : { unitId: lead.unitId }), name: lead.name };
}
