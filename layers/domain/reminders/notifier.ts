import type { Recipient } from './reminder.ts';

/** One message to one recipient, with the reminder it carries (adapters may use the key to drop repeats). */
export interface Notification {
  readonly to: Recipient;
  readonly subject: string;
  readonly text: string;
  readonly documentId: string;
  readonly reminderKey: string;
}

/** `sent`: handed to the channel; `skipped`: no address is known for the recipient (not an error: nothing to retry). */
export type NotifyOutcome = { readonly kind: 'sent'; readonly to: readonly string[] } | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Notifications leave the system through this port: e-mail through SES in AWS, a local outbox file in the
 * local runtime. A thrown error means "not sent, try again later".
 *
 * @example
 * const outcome = await notifier.send({ to: { kind: 'unit', organId: '000.00.92.H26' }, subject, text, documentId, reminderKey });
 */
export interface Notifier {
  send(notification: Notification): Promise<NotifyOutcome>;
}

/** Resolves recipients to e-mail addresses; an empty list when none is known. */
export interface ContactDirectory {
  emailsOf(recipient: Recipient): Promise<readonly string[]>;
}
