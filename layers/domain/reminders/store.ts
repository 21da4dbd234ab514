import type { Reminder, ReminderStatus } from './reminder.ts';

/**
 * The reminder store port (docs/DATA.md: `DOC#<id>` / `REMINDER#<name>`, and the recipient's inbox index).
 * Recording is conditional, so a reminder exists at most once whoever records it, and every later change
 * is conditional on the attempt that was read, so two watchers never both own one delivery.
 */
export interface ReminderStore {
  /** The recorded reminders among these keys (`Reminder.key`), by key; missing keys are not recorded. */
  find(keys: readonly string[]): Promise<ReadonlyMap<string, Reminder>>;

  /** Records a new reminder (status `pending`, attempt 1); `exists` (nothing written) when its key is taken. */
  record(reminder: Reminder): Promise<'recorded' | 'exists'>;

  /**
   * Takes a pending reminder over for another delivery attempt, if it is still pending with the attempt
   * count read and its last attempt is not after `staleBefore`; the reminder as claimed, or undefined when
   * someone else claimed or settled it first.
   */
  claim(reminder: Reminder, at: string, staleBefore: string): Promise<Reminder | undefined>;

  /**
   * Records how the attempt that was claimed (`reminder.attempts`) ended; `superseded` (nothing written)
   * when another attempt took the reminder over in between.
   */
  settle(reminder: Reminder, outcome: { readonly status: ReminderStatus; readonly at: string; readonly note?: string }): Promise<'settled' | 'superseded'>;

  /** Where a scheduled job stopped last time (opaque to the store); undefined to start from the beginning. */
  cursor(job: string): Promise<string | undefined>;
  saveCursor(job: string, cursor: string | undefined, at: string): Promise<void>;
}
