import type { IncomingDocument } from '#domain/documents/incoming';
import { nextStatus } from '#domain/documents/lifecycle';
import { assertAssignee, assigneeKeys, validateAssignment, type AssignmentInput, type AssignmentRequest } from '#domain/documents/routing';
import { ConflictError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { vietnamDate } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';
import { resolveAssignment } from '../people/assignment.ts';
import { bump, commitChange } from './change.ts';
import { getDocument } from './read-documents.ts';

/**
 * The incoming workflow: return (02), assign or reassign (04), progress (05), complete (06). Each step
 * checks the role, the agency scope and the state machine, and writes the change with its history event.
 */
export async function returnIncoming(deps: Dependencies, ctx: RequestContext, id: string, input: { reason: string }): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.return');
  const current = await incoming(deps, ctx, id);
  const now = deps.clock.now();
  const next: IncomingDocument = {
    ...current,
    ...bump(current, now),
    status: nextStatus(current, 'return') as IncomingDocument['status'],
    returned: { reason: input.reason, at: now.toISOString(), by: who(ctx) },
  };
  return commitChange(deps, ctx, current, next, 'returned');
}

export async function assignIncoming(deps: Dependencies, ctx: RequestContext, id: string, request: AssignmentRequest): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.assign');
  const current = await incoming(deps, ctx, id);
  const now = deps.clock.now();
  const { dueInWorkingDays, ...rest } = request;
  const dated = dueInWorkingDays === undefined ? rest : { ...rest, dueDate: deps.calendar.dueDateFrom(now, dueInWorkingDays) };
  validateAssignment(dated, vietnamDate(now));
  const input: AssignmentInput = await resolveAssignment(deps, current.organId, dated);
  const status = nextStatus(current, 'assign') as IncomingDocument['status'];
  const next: IncomingDocument = {
    ...current,
    ...bump(current, now),
    status,
    assignment: { ...input, assignedBy: who(ctx), assignedAt: now.toISOString() },
    assigneeKeys: assigneeKeys(input),
  };
  return commitChange(deps, ctx, current, next, current.assignment === undefined ? 'assigned' : 'reassigned');
}

export async function progressIncoming(deps: Dependencies, ctx: RequestContext, id: string, input: { note: string }): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.progress');
  const current = await incoming(deps, ctx, id);
  const status = nextStatus(current, 'progress') as IncomingDocument['status'];
  assertAssignee(ctx.principal, current.assignment, false);
  const now = deps.clock.now();
  const next: IncomingDocument = {
    ...current,
    ...bump(current, now),
    status,
    progress: { count: (current.progress?.count ?? 0) + 1, lastNote: input.note, lastAt: now.toISOString() },
  };
  return commitChange(deps, ctx, current, next, 'progress');
}

export async function completeIncoming(deps: Dependencies, ctx: RequestContext, id: string, input: { note?: string; replyDocumentId?: string }): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.complete');
  const current = await incoming(deps, ctx, id);
  const status = nextStatus(current, 'complete') as IncomingDocument['status'];
  assertAssignee(ctx.principal, current.assignment, true);
  if (input.replyDocumentId !== undefined) await getDocument(deps, ctx, input.replyDocumentId);
  const now = deps.clock.now();
  const next: IncomingDocument = {
    ...current,
    ...bump(current, now),
    status,
    completion: {
      at: now.toISOString(),
      by: who(ctx),
      ...(input.note === undefined ? {} : { note: input.note }),
      ...(input.replyDocumentId === undefined ? {} : { replyDocumentId: input.replyDocumentId }),
    },
  };
  return commitChange(deps, ctx, current, next, 'completed');
}

/** The incoming document `id` of the caller's agency; 409 for an outgoing one. */
export async function incoming(deps: Dependencies, ctx: RequestContext, id: string): Promise<IncomingDocument> {
  const document = await getDocument(deps, ctx, id);
  if (document.direction !== 'incoming') {
    throw new ConflictError('wrong-direction', `Document ${id} is an outgoing document; this step is for incoming documents.`, { details: { direction: document.direction } });
  }
  return document;
}

export function who(ctx: RequestContext): { sub: string; name: string } {
  return { sub: ctx.principal.sub, name: ctx.principal.name };
}
