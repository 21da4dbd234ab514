import type { Document } from './document.ts';

/** Statuses in which a deadline still runs. */
export const openStatuses: ReadonlySet<string> = new Set(['arrived', 'registered', 'assigned', 'processing']);

/** The deadline of a document: its assignment's if routed, else its own. */
export function deadlineOf(document: Document): string | undefined {
  if (document.direction === 'incoming') return document.assignment?.dueDate ?? document.dueDate;
  return document.dueDate;
}

/** Open and past its deadline on `today` (a Vietnam date). */
export function isOverdue(document: Document, today: string): boolean {
  const due = deadlineOf(document);
  return due !== undefined && openStatuses.has(document.status) && due < today;
}
