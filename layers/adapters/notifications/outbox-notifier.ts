import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContactDirectory, Notification, Notifier, NotifyOutcome } from '#domain/reminders/notifier';

/** One line of the outbox file. */
export interface OutboxEntry extends Notification {
  readonly at: string;
  /** The addresses an e-mail would have gone to (empty when none is known). */
  readonly addresses: readonly string[];
}

/**
 * The local runtime's notifier: instead of sending e-mail it appends each notification as one JSON line to
 * `<dir>/outbox.jsonl` (`tail -f .data/outbox/outbox.jsonl`), once per reminder key even if a retry hands
 * it over again. Development tooling: AWS uses SesNotifier.
 *
 * @example
 * const notifier = new OutboxNotifier('.data/outbox', contacts);
 */
export class OutboxNotifier implements Notifier {
  readonly file: string;
  #written: Promise<Set<string>> | undefined;

  constructor(
    private readonly dir: string,
    private readonly contacts: ContactDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(dir, 'outbox.jsonl');
  }

  async send(notification: Notification): Promise<NotifyOutcome> {
    const addresses = await this.contacts.emailsOf(notification.to);
    const written = await this.written();
    if (!written.has(notification.reminderKey)) {
      // Marked before the write, so two overlapping sends of one reminder in this process append one line.
      written.add(notification.reminderKey);
      const entry: OutboxEntry = { at: this.now().toISOString(), ...notification, addresses };
      await mkdir(this.dir, { recursive: true });
      await appendFile(this.file, `${JSON.stringify(entry)}\n`, 'utf8');
    }
    return { kind: 'sent', to: addresses };
  }

  /** Every entry written so far (for tests and tools). */
  async entries(): Promise<OutboxEntry[]> {
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as OutboxEntry);
  }

  private written(): Promise<Set<string>> {
    this.#written ??= this.entries().then((entries) => new Set(entries.map((entry) => entry.reminderKey)));
    return this.#written;
  }
}
