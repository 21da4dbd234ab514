import type { Document } from '#domain/documents/document';
import type { IncomingDocument } from '#domain/documents/incoming';
import { ConflictError } from '#domain/errors';
import type { Principal } from '#domain/identity/principal';
import { reminderMessage } from '#domain/reminders/message';
import type { PlannedReminder, Recipient, Reminder } from '#domain/reminders/reminder';
import { checkDeadline, type ReminderPolicy } from '#domain/reminders/rules';
import { isSecret } from '#domain/documents/document';
import type { Dependencies } from '../context.ts';
import { bump, commitChange } from '../documents/change.ts';

/** A pending reminder whose last attempt is older than this was abandoned (a crash or a failed send): retry it. */
export const RETRY_AFTER_MS = 5 * 60_000;
/** Deliveries tried before a reminder is given up as `failed`. */
export const MAX_ATTEMPTS = 5;

/** The watcher's log; the adapters' structured Logger fits. */
export interface WatchLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a run did, for its log line and metrics. */
export interface WatchTally {
  documents: number;
  /** Reminders recorded by this run (each exactly once across all runs). */
  remindersRecorded: number;
  remindersSent: number;
  /** Recorded but not e-mailed: no address known for the recipient (still readable in the app). */
  remindersSkipped: number;
  /** Delivery attempts that failed (retried by a later run until MAX_ATTEMPTS). */
  deliveryFailures: number;
  /** Pending reminders of earlier runs taken over and delivered again. */
  retried: number;
  escalations: number;
  /** Documents flagged overdue (`overdueSince`) by this run. */
  overdueFlagged: number;
  /** Documents skipped after an unexpected error (logged; the next run tries them again). */
  errors: number;
}

export function newTally(): WatchTally {
  return { documents: 0, remindersRecorded: 0, remindersSent: 0, remindersSkipped: 0, deliveryFailures: 0, retried: 0, escalations: 0, overdueFlagged: 0, errors: 0 };
}

interface RunContext {
  readonly now: Date;
  readonly policy: ReminderPolicy;
  readonly log: WatchLog;
  readonly runId: string;
}

/**
 * One page of documents from the deadline index: which reminders their state calls for, which of them
 * are already recorded (one batch read), then record-and-send the new ones, retry abandoned ones and flag
 * newly overdue documents. One document's failure is logged and counted, and does not stop the others.
 */
export async function processDueDocuments(deps: Dependencies, documents: readonly Document[], run: RunContext, tally: WatchTally): Promise<void> {
  const checks = documents.map((document) => ({ document, check: checkDeadline(document, run.now, deps.calendar, run.policy) }));
  const keys = checks.flatMap(({ check }) => check.reminders.map((reminder) => reminder.key));
  const recorded = keys.length === 0 ? new Map<string, Reminder>() : await deps.reminders.find(keys);
  for (const { document, check } of checks) {
    if (document.direction !== 'incoming') continue;
    tally.documents += 1;
    try {
      if (check.flagOverdueSince !== undefined) await flagOverdue(deps, document, check.flagOverdueSince, run, tally);
      for (const planned of check.reminders) {
        const existing = recorded.get(planned.key);
        if (existing === undefined) await recordAndDeliver(deps, planned, document, run, tally);
        else if (abandoned(existing, deps.clock.now())) await retry(deps, existing, run, tally);
      }
    } catch (error) {
      tally.errors += 1;
      run.log.error('deadline check failed for a document; the next run tries again', { documentId: document.id, organId: document.organId, error });
    }
  }
}

/** Records the reminder once (conditional write) and, only if this run recorded it, sends it. */
async function recordAndDeliver(deps: Dependencies, planned: PlannedReminder, document: IncomingDocument, run: RunContext, tally: WatchTally): Promise<void> {
  const at = deps.clock.now().toISOString();
  const { workingDays: _workingDays, ...identity } = planned;
  const reminder: Reminder = {
    ...identity,
    ...reminderMessage(planned, document),
    ...(isSecret(document) ? { secret: true } : {}),
    status: 'pending',
    recordedAt: at,
    attempts: 1,
    lastAttemptAt: at,
  };
  if ((await deps.reminders.record(reminder)) === 'exists') return;
  tally.remindersRecorded += 1;
  if (reminder.kind === 'escalation') tally.escalations += 1;
  run.log.info('reminder recorded', { key: reminder.key, kind: reminder.kind, escalationLevel: reminder.level, dueDate: reminder.dueDate, organId: reminder.organId });
  await deliver(deps, reminder, run, tally);
}

async function retry(deps: Dependencies, existing: Reminder, run: RunContext, tally: WatchTally): Promise<void> {
  const now = deps.clock.now();
  const claimed = await deps.reminders.claim(existing, now.toISOString(), new Date(now.getTime() - RETRY_AFTER_MS).toISOString());
  if (claimed === undefined) return;
  tally.retried += 1;
  run.log.info('pending reminder taken over', { key: claimed.key, attempt: claimed.attempts });
  await deliver(deps, claimed, run, tally);
}

/**
 * Hands the reminder to the notifier and records the outcome. A failure leaves it pending (a later run
 * retries it) until MAX_ATTEMPTS, then marks it failed; the error is logged with the reminder's key.
 */
async function deliver(deps: Dependencies, reminder: Reminder, run: RunContext, tally: WatchTally): Promise<void> {
  let outcome: { status: Reminder['status']; note?: string };
  try {
    // An agency's contact address is not need-to-know: a secret document's reminder to a unit stays in the app.
    const sent =
      reminder.secret === true && reminder.recipient.kind !== 'person'
        ? ({ kind: 'skipped', reason: 'secret document: not e-mailed to an agency address' } as const)
        : await deps.notifier.send({
            to: await addressOf(deps, reminder),
            subject: reminder.subject,
            text: reminder.text,
            documentId: reminder.documentId,
            reminderKey: reminder.key,
          });
    outcome = sent.kind === 'sent' ? { status: 'sent' } : { status: 'skipped', note: sent.reason };
    if (sent.kind === 'sent') tally.remindersSent += 1;
    else {
      tally.remindersSkipped += 1;
      run.log.warn('reminder not e-mailed; readable in the app only', { key: reminder.key, reason: sent.reason });
    }
  } catch (error) {
    tally.deliveryFailures += 1;
    const status = reminder.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    run.log.warn('reminder not delivered', { key: reminder.key, attempt: reminder.attempts, willRetry: status === 'pending', error });
    outcome = { status, note: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500) };
  }
  const settled = await deps.reminders.settle(reminder, { ...outcome, at: deps.clock.now().toISOString() });
  if (settled === 'superseded') run.log.warn('reminder taken over by another run while it was being delivered', { key: reminder.key });
}

/**
 * Writes the document's next version with `overdueSince` and an `overdue` history event. A concurrent
 * change (stale version) is left to the next run, which sees the document as it now is.
 */
async function flagOverdue(deps: Dependencies, document: IncomingDocument, since: string, run: RunContext, tally: WatchTally): Promise<void> {
  const next: IncomingDocument = { ...document, ...bump(document, deps.clock.now()), overdueSince: since };
  try {
    await commitChange(deps, { principal: watcherPrincipal(document.organId), correlationId: run.runId }, document, next, 'overdue');
    tally.overdueFlagged += 1;
    run.log.info('document overdue', { documentId: document.id, organId: document.organId, overdueSince: since });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    run.log.info('overdue flag deferred: the document changed meanwhile', { documentId: document.id });
  }
}

/**
 * Where a reminder is mailed: a person's or a unit's address in the agency's directory when it has one,
 * otherwise the recipient as it is (the notifier's contacts: the agency's contact address, or
 * `<sub>@VANTHU_USER_EMAIL_DOMAIN`).
 */
async function addressOf(deps: Pick<Dependencies, 'directory'>, reminder: Reminder): Promise<Recipient> {
  const { recipient } = reminder;
  if (recipient.kind === 'person') {
    const email = (await deps.directory.getPeople(reminder.organId, [recipient.sub])).get(recipient.sub)?.email;
    return email === undefined ? recipient : { kind: 'email', address: email };
  }
  if (recipient.kind === 'unit' && recipient.unitId !== undefined) {
    const email = (await deps.directory.getUnits(recipient.organId, [recipient.unitId])).get(recipient.unitId)?.email;
    return email === undefined ? recipient : { kind: 'email', address: email };
  }
  return recipient;
}

function abandoned(reminder: Reminder, now: Date): boolean {
  return reminder.status === 'pending' && Date.parse(reminder.lastAttemptAt) <= now.getTime() - RETRY_AFTER_MS;
}

/** The watcher as the history shows it: a system actor of the document's agency, with no human role. */
function watcherPrincipal(organId: string): Principal {
  return { sub: 'system:deadline-watcher', name: 'Hệ thống nhắc hạn xử lý', organId, roles: [] };
}
