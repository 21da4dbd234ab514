import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { ContactDirectory, Notification, Notifier, NotifyOutcome } from '#domain/reminders/notifier';
import { recipientKey } from '#domain/reminders/reminder';
import { optional } from '../config.ts';

/**
 * Notifications as e-mail through Amazon SES (API v2), from the verified sender `from`; addresses come
 * from the contact directory. A recipient without a known address is `skipped`, not an error: there is
 * nothing a retry could change. SES errors propagate, so the reminder stays pending and is retried.
 *
 * @example
 * const notifier = new SesNotifier(sesClient(), 'nhacviec@vanthu.hanoi.gov.vn', contacts);
 */
export class SesNotifier implements Notifier {
  constructor(
    private readonly client: Pick<SESv2Client, 'send'>,
    private readonly from: string,
    private readonly contacts: ContactDirectory,
  ) {}

  async send(notification: Notification): Promise<NotifyOutcome> {
    const to = await this.contacts.emailsOf(notification.to);
    if (to.length === 0) return { kind: 'skipped', reason: `no e-mail address known for ${recipientKey(notification.to)}` };
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [...to] },
        Content: {
          Simple: {
            Subject: { Data: notification.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: notification.text, Charset: 'UTF-8' } },
            // Lets a mailbox rule or a support desk recognise the reminder (header values must be ASCII).
            Headers: [{ Name: 'X-Vanthu-Reminder', Value: encodeURIComponent(notification.reminderKey) }],
          },
        },
      }),
    );
    return { kind: 'sent', to };
  }
}

let client: SESv2Client | undefined;

/** The SES v2 client of the process; `AWS_ENDPOINT_URL_SESV2` or `AWS_ENDPOINT_URL` point it at LocalStack. */
export function sesClient(): SESv2Client {
  if (client === undefined) {
    const endpoint = optional('AWS_ENDPOINT_URL_SESV2') ?? optional('AWS_ENDPOINT_URL');
    client = new SESv2Client({ region: optional('AWS_REGION') ?? 'ap-southeast-1', maxAttempts: 3, ...(endpoint === undefined ? {} : { endpoint }) });
  }
  return client;
}
