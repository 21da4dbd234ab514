import type { Page } from '../documents/store.ts';
import type { Reminder } from '../reminders/reminder.ts';
import type { Notice } from './notice.ts';

/** One entry of a person's inbox: a deadline reminder or a notice, with who has read it. */
export type InboxItem =
  | { readonly source: 'reminder'; readonly reminder: Reminder; readonly readBy: readonly string[] }
  | { readonly source: 'notice'; readonly notice: Notice; readonly audienceKey: string; readonly readBy: readonly string[] };

/**
 * The notice store port (docs/DATA.md, "Notices"): a notice is kept once per audience it addresses, in that
 * audience's inbox — the same inbox index the deadline reminders are in — so a person's inbox is the merge
 * of a few audiences (themselves, their units, their roles), newest first.
 */
export interface NoticeStore {
  /** Records the notice in the inbox of each of its audiences; `exists` when it was recorded before (nothing changed). */
  record(notice: Notice): Promise<'recorded' | 'exists'>;
  /** The people the notice was e-mailed to so far (a retry mails only the others). */
  mailed(noticeId: string): Promise<ReadonlySet<string>>;
  markMailed(noticeId: string, subs: readonly string[]): Promise<void>;
  /** The entries of these audiences (`person:<sub>`, `unit:…`, `role:…`), newest first; `unreadBy`: only those that person has not read. */
  inbox(query: { readonly audiences: readonly string[]; readonly limit: number; readonly nextToken?: string; readonly unreadBy?: string }): Promise<Page<InboxItem>>;
  /**
   * Marks an entry (a notice id or a reminder key) of the reader's agency read by them, in the inboxes among
   * `audiences` that hold it; `not-found` when none of them does (someone else's, another agency's, or no such entry).
   */
  markRead(id: string, reader: { readonly sub: string; readonly organId: string }, audiences: readonly string[]): Promise<'read' | 'not-found'>;
}
