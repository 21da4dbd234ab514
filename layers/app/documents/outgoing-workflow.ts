import { historyEvent } from '#domain/documents/history';
import { nextStatus } from '#domain/documents/lifecycle';
import { checkNotationParts } from '#domain/documents/numbering';
import { isSecret } from '#domain/documents/document';
import { assertMayBecomeSecret } from '#domain/files/rules';
import type { OutgoingDocument, OutgoingDraft, OutgoingDraftChanges } from '#domain/documents/outgoing';
import { ConflictError, ForbiddenError, ValidationError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { vietnamDate } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';
import { bump, commitChange } from './change.ts';
import { who } from './incoming-workflow.ts';
import { allFilesOf } from '../files/read-files.ts';
import { getDocument } from './read-documents.ts';

/**
 * The outgoing workflow: a specialist drafts and submits, a leader approves (or sends back), the clerk
 * issues (./issue.ts) — which gives the number (số) and notation (ký hiệu) from the agency's series.
 */
export async function createDraft(deps: Dependencies, ctx: RequestContext, input: OutgoingDraft): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.draft');
  const now = deps.clock.now();
  checkDueDate(input.dueDate, now);
  checkNotationParts(input);
  const document: OutgoingDocument = {
    ...input,
    id: deps.ids.next(),
    direction: 'outgoing',
    organId: ctx.principal.organId,
    status: 'draft',
    createdBy: who(ctx),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const event = historyEvent({
    documentId: document.id,
    sequence: 1,
    action: 'drafted',
    at: now,
    principal: ctx.principal,
    before: null,
    after: { status: 'draft' },
    correlationId: ctx.correlationId,
    ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
  });
  await deps.documents.createDocument(document, event);
  return document;
}

/** The drafter edits a draft (or a document sent back to draft): the fields given replace the old ones. */
export async function editDraft(deps: Dependencies, ctx: RequestContext, id: string, changes: OutgoingDraftChanges): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.draft');
  const current = await outgoing(deps, ctx, id);
  const status = nextStatus(current, 'edit') as OutgoingDocument['status'];
  assertDrafter(ctx, current);
  const now = deps.clock.now();
  checkDueDate(changes.dueDate, now);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<OutgoingDraft>;
  const next: OutgoingDocument = { ...current, ...defined, ...bump(current, now), status };
  checkNotationParts(next);
  if (isSecret(next) && !isSecret(current)) assertMayBecomeSecret(current, await allFilesOf(deps, current.id));
  return commitChange(deps, ctx, current, next, 'edited');
}

/** The drafter submits the draft for approval. */
export async function submitOutgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.submit');
  return step(deps, ctx, id, 'submit', 'submitted', (current) => {
    assertDrafter(ctx, current);
    return {};
  });
}

/** The leader approves (and is the signer unless the draft names another). */
export async function approveOutgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.approve');
  return step(deps, ctx, id, 'approve', 'approved', (current) => ({ signer: current.signer ?? { fullName: ctx.principal.name.slice(0, 50) } }));
}

/** The leader sends a submitted or approved document back to draft, with a reason. */
export async function rejectOutgoing(deps: Dependencies, ctx: RequestContext, id: string, reason: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.approve');
  // A signature made before is no longer what will be issued: the content may change in the draft.
  return step(deps, ctx, id, 'reject', 'sent-back', () => ({ sentBack: { reason, at: deps.clock.now().toISOString(), by: who(ctx) } }));
}

async function step(
  deps: Dependencies,
  ctx: RequestContext,
  id: string,
  action: 'submit' | 'approve' | 'reject',
  label: string,
  extra: (current: OutgoingDocument) => Partial<OutgoingDocument> = () => ({}),
): Promise<OutgoingDocument> {
  const current = await outgoing(deps, ctx, id);
  const status = nextStatus(current, action) as OutgoingDocument['status'];
  // Sent back, the content may change: a signature made before is no longer what will be issued.
  const { signedFile: _signedBefore, ...kept } = current;
  const base = action === 'reject' ? kept : current;
  const next: OutgoingDocument = { ...base, ...extra(current), ...bump(current, deps.clock.now()), status };
  return commitChange(deps, ctx, current, next, label);
}

export async function outgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  const document = await getDocument(deps, ctx, id);
  if (document.direction !== 'outgoing') {
    throw new ConflictError('wrong-direction', `Document ${id} is an incoming document; this step is for outgoing documents.`, { details: { direction: document.direction } });
  }
  return document;
}

/** A draft is edited and submitted by whoever drafted it; a leader sends it back (reject), never edits it. */
function assertDrafter(ctx: RequestContext, document: OutgoingDocument): void {
  if (document.createdBy.sub !== ctx.principal.sub) {
    throw new ForbiddenError(`Chỉ người soạn thảo (${document.createdBy.name}) được sửa và trình bản thảo này.`, { details: { drafter: document.createdBy.sub } });
  }
}

function checkDueDate(dueDate: string | undefined, now: Date): void {
  if (dueDate !== undefined && dueDate < vietnamDate(now)) {
    throw new ValidationError('The due date is in the past.', { errors: [{ path: 'body.dueDate', message: `the due date ${dueDate} is before today (${vietnamDate(now)})` }] });
  }
}
