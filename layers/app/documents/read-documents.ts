import { NotFoundError, ValidationError } from '#domain/errors';
import type { Document, DocumentStatus } from '#domain/documents/document';
import { incomingStatuses } from '#domain/documents/incoming';
import type { HistoryEvent } from '#domain/documents/history';
import type { Page } from '#domain/documents/store';
import { authorize } from '#domain/identity/permissions';
import { mayRead, secretListRestriction } from '#domain/documents/visibility';
import { foldVietnamese } from '#domain/text';
import { searchWords } from '#domain/search/words';
import { deadlineOf, isOverdue } from '#domain/documents/deadline';
import { startOfVietnamDay, vietnamDate } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * Reads a document the caller may see: a document of their own agency, and a secret one only on a need to
 * know (layers/domain/documents/visibility.ts). Anything else is reported as not found, so ids cannot be
 * probed (OWASP API1).
 */
export async function getDocument(deps: Dependencies, ctx: RequestContext, id: string): Promise<Document> {
  authorize(ctx.principal, 'document.read');
  const document = await deps.documents.getDocument(id);
  if (document === undefined || !mayRead(ctx.principal, document)) {
    throw new NotFoundError(`No document ${id} in your agency.`, { details: { id } });
  }
  return document;
}

/** The need-to-know restriction of a list query for this caller (none for clerks and leaders). */
export function restriction(ctx: RequestContext): { secretVisibleTo?: NonNullable<ReturnType<typeof secretListRestriction>> } {
  const visible = secretListRestriction(ctx.principal);
  return visible === undefined ? {} : { secretVisibleTo: visible };
}

export async function getHistory(deps: Dependencies, ctx: RequestContext, id: string): Promise<readonly HistoryEvent[]> {
  await getDocument(deps, ctx, id);
  return deps.documents.history(id);
}

export interface ListDocumentsInput {
  /** Absent: incoming and outgoing together. */
  readonly direction?: 'incoming' | 'outgoing';
  readonly status?: DocumentStatus;
  readonly q?: string;
  readonly issuer?: string;
  readonly typeName?: string;
  readonly assignee?: string;
  readonly overdue?: boolean;
  /** Vietnam dates (YYYY-MM-DD), inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function directionOf(input: ListDocumentsInput): 'incoming' | 'outgoing' | undefined {
  if (input.status !== undefined) return (incomingStatuses as readonly string[]).includes(input.status) ? 'incoming' : 'outgoing';
  if (input.issuer !== undefined || input.assignee !== undefined) return 'incoming';
  return undefined;
}

/**
 * Lists the caller's agency's documents, newest first, each with its overdue flag; incoming and outgoing
 * together when no direction is given. `q` finds documents holding every word of it, in any order, the last
 * word possibly unfinished (layers/domain/search/words.ts); `q`, `issuer` (a name or an agency code) and
 * `typeName` match with or without diacritics; `from`/`to` bound the day the document was created in vanthu
 * (Vietnam dates).
 */
export async function listDocuments(deps: Dependencies, ctx: RequestContext, input: ListDocumentsInput): Promise<Page<Document & { overdue: boolean; daysLate?: number }>> {
  authorize(ctx.principal, 'document.read');
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    throw new ValidationError(`The date range is empty: from ${input.from} is after to ${input.to}.`, {
      errors: [{ path: 'query.from', message: `must be on or before to (${input.to})` }],
    });
  }
  const words = input.q === undefined ? undefined : searchWords(input.q);
  // Without words, a filter that belongs to one direction chooses it (a status, an issuer or an assignee are
  // incoming or outgoing only), so the list is read from that direction's index.
  const direction = input.direction ?? (words === undefined ? directionOf(input) : undefined);
  const issuer = input.issuer === undefined ? undefined : foldVietnamese(input.issuer);
  const today = vietnamDate(deps.clock.now());
  const page = await deps.documents.listDocuments({
    organId: ctx.principal.organId,
    ...(direction === undefined ? {} : { direction }),
    limit: input.limit,
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(words === undefined ? {} : { words }),
    ...(issuer === undefined || issuer === '' ? {} : { issuer }),
    ...(input.typeName === undefined || input.typeName === '' ? {} : { typeName: foldVietnamese(input.typeName) }),
    ...(input.assignee === undefined ? {} : { assignee: input.assignee }),
    ...(input.overdue === true ? { overdueOn: today } : {}),
    ...restriction(ctx),
    ...(input.from === undefined ? {} : { from: startOfVietnamDay(input.from).toISOString() }),
    ...(input.to === undefined ? {} : { to: new Date(startOfVietnamDay(input.to).getTime() + DAY_MS - 1).toISOString() }),
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
  });
  const now = deps.clock.now();
  return {
    ...page,
    items: page.items.map((document) => {
      const due = deadlineOf(document);
      if (due === undefined || !isOverdue(document, today)) return { ...document, overdue: false };
      return { ...document, overdue: true, daysLate: deps.calendar.overdueStatus(due, now).daysLate };
    }),
  };
}
