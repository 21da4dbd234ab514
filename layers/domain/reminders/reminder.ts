import { unitKey } from '../people/unit.ts';
/**
 * Reminders (nhắc việc) of the deadline watcher: one per document, kind, deadline, escalation level and
 * recipient, recorded once and never sent twice ("rõ người, rõ việc, rõ trách nhiệm").
 */

/** `due-soon`: the deadline is near; `overdue`: it has passed; `escalation`: overdue long enough to tell the leader who assigned it. */
export const reminderKinds = ['due-soon', 'overdue', 'escalation'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * `pending`: recorded, not yet handed to the notifier (or its last attempt failed); `sent`: handed over;
 * `skipped`: the notifier knows no address for the recipient (the reminder stays readable in the app);
 * `failed`: given up after the last attempt.
 */
export const reminderStatuses = ['pending', 'sent', 'skipped', 'failed'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

/**
 * Who a reminder is for: a person (JWT `sub`), a unit of an agency (`unitId`: its members) or the agency as
 * a whole (no `unitId`: its clerks and leaders), or a plain address.
 */
export type Recipient =
  | { readonly kind: 'person'; readonly sub: string; readonly name?: string }
  | { readonly kind: 'unit'; readonly organId: string; readonly unitId?: string; readonly name?: string }
  | { readonly kind: 'email'; readonly address: string };

/** A reminder as the rules plan it, before its message is written. */
export interface PlannedReminder {
  /** Deterministic: the same document, kind, deadline, level and recipient always give the same key. */
  readonly key: string;
  readonly documentId: string;
  /** The agency that holds the document. */
  readonly organId: string;
  readonly kind: ReminderKind;
  /** Escalation level, from 1; 0 for the other kinds. */
  readonly level: number;
  /** The deadline the reminder is about (hạn xử lý); a changed deadline gives new keys. */
  readonly dueDate: string;
  readonly recipient: Recipient & { readonly kind: 'person' | 'unit' };
  /** Working days left (due-soon) or late (overdue, escalation), as of the check. */
  readonly workingDays: number;
}

/** A recorded reminder: its message and where its delivery stands. */
export interface Reminder extends Omit<PlannedReminder, 'workingDays'> {
  readonly subject: string;
  readonly text: string;
  /** About a secret document: shown to the agency's clerks and leaders and its assignees only, never e-mailed to a unit. */
  readonly secret?: boolean;
  readonly status: ReminderStatus;
  readonly recordedAt: string;
  /** Deliveries tried so far (1 when recorded: the recorder delivers it). */
  readonly attempts: number;
  readonly lastAttemptAt: string;
  readonly settledAt?: string;
  /** Why it was skipped, or the last delivery error. */
  readonly note?: string;
}

/**
 * `person:<sub>`, `unit:<organId>/<unitId>` or `unit:<organId>`, the same keys as a document's assignee keys.
 * @example recipientKey({ kind: 'unit', organId: '000.00.92.H26' }) // 'unit:000.00.92.H26'
 */
export function recipientKey(recipient: Recipient): string {
  if (recipient.kind === 'person') return `person:${recipient.sub}`;
  if (recipient.kind === 'unit') return recipient.unitId === undefined ? `unit:${recipient.organId}` : unitKey(recipient.organId, recipient.unitId);
  return `email:${recipient.address}`;
}

/**
 * The part of a reminder's key after its document id: kind (with the escalation level), deadline and
 * recipient. The store keeps it under the document (`DOC#<id>` / `REMINDER#<name>`).
 * @example reminderName({ kind: 'escalation', level: 1, dueDate: '2026-11-27', recipient: { kind: 'person', sub: 'ld' } }) // 'escalation-1#2026-11-27#person:ld'
 */
export function reminderName(reminder: Pick<PlannedReminder, 'kind' | 'level' | 'dueDate' | 'recipient'>): string {
  const kind = reminder.kind === 'escalation' ? `escalation-${reminder.level}` : reminder.kind;
  return `${kind}#${reminder.dueDate}#${recipientKey(reminder.recipient)}`;
}

/** The full key: document id, then the reminder's name. */
export function reminderKey(reminder: Pick<PlannedReminder, 'documentId' | 'kind' | 'level' | 'dueDate' | 'recipient'>): string {
  return `${reminder.documentId}#${reminderName(reminder)}`;
}
