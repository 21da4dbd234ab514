import * as z from 'zod';
import type { AgencyStore } from '#domain/agency/store';
import type { Notifier } from '#domain/reminders/notifier';
import { optional } from '../config.ts';
import { DirectoryContacts } from './contacts.ts';
import { OutboxNotifier } from './outbox-notifier.ts';
import { SesNotifier, sesClient } from './ses-notifier.ts';

/** Environment variables of the notifier. */
export const notifierEnv = {
  /** Verified SES sender, e.g. `nhacviec@vanthu.hanoi.gov.vn`; set by the CDK binding of `access.sendsEmail`. */
  mailFrom: 'VANTHU_MAIL_FROM',
  /** Maps a person's `sub` to `<sub>@<domain>` (see DirectoryContacts for the limitation). */
  userEmailDomain: 'VANTHU_USER_EMAIL_DOMAIN',
  /** Local runtime only: the folder of the outbox file that replaces e-mail. */
  outboxDir: 'VANTHU_OUTBOX_DIR',
} as const;

const settingsSchema = z.object({
  mailFrom: z.email().optional(),
  userEmailDomain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'a domain name such as hanoi.gov.vn')
    .optional(),
  outboxDir: z.string().min(1).optional(),
});

/**
 * The notifier this process uses: the local outbox when `VANTHU_OUTBOX_DIR` is set (local runtime), SES
 * when `VANTHU_MAIL_FROM` is, otherwise none: reminders are then only readable in the app and are recorded
 * as `skipped`. Throws at cold start on a malformed setting.
 *
 * @example
 * const notifier = notifierFromEnvironment(agencies);
 */
export function notifierFromEnvironment(agencies: Pick<AgencyStore, 'get'>): Notifier {
  const parsed = settingsSchema.safeParse({
    mailFrom: optional(notifierEnv.mailFrom),
    userEmailDomain: optional(notifierEnv.userEmailDomain),
    outboxDir: optional(notifierEnv.outboxDir),
  });
  if (!parsed.success) throw new Error(`Invalid notifier settings: ${z.prettifyError(parsed.error)}`);
  const settings = parsed.data;
  const contacts = new DirectoryContacts(agencies, settings.userEmailDomain);
  if (settings.outboxDir !== undefined) return new OutboxNotifier(settings.outboxDir, contacts);
  if (settings.mailFrom !== undefined) return new SesNotifier(sesClient(), settings.mailFrom, contacts);
  return inAppOnly;
}

/** No mail channel configured: every reminder stays readable in the app only. */
const inAppOnly: Notifier = {
  send: async () => ({ kind: 'skipped', reason: `no mail sender configured (${notifierEnv.mailFrom})` }),
};
