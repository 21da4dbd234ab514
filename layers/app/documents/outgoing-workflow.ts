import { historyEvent } from '#domain/documents/history';
import { isSecret } from '#domain/documents/document';
import { nextStatus } from '#domain/documents/lifecycle';
import { assertSignedForIssue } from '#domain/documents/signature-policy';
import { chooseRegister, codeNotation, formatCodeNumber, numberingConfigSchema, type NumberingConfig } from '#domain/documents/numbering';
import type { OutgoingDocument, OutgoingDraft, OutgoingDraftChanges } from '#domain/documents/outgoing';
import { ConflictError, ForbiddenError, ValidationError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { vietnamDate, vietnamYear } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';
import { bump, commitChange, staleVersion } from './change.ts';
import { outboxEntry, relayEntries } from '../outbox/relay.ts';
import { who } from './incoming-workflow.ts';
import { getDocument } from './read-documents.ts';

/**
 * The outgoing workflow: a specialist drafts and submits, a leader approves (or sends back), the clerk
 * issues — which gives the number (số) and notation (ký hiệu) from the agency's register for the type.
 */
export async function createDraft(deps: Dependencies, ctx: RequestContext, input: OutgoingDraft): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.draft');
  const now = deps.clock.now();
  checkDueDate(input.dueDate, now);
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
  const event = historyEvent({ documentId: document.id, sequence: 1, action: 'drafted', at: now, principal: ctx.principal, before: null, after: { status: 'draft' }, correlationId: ctx.correlationId });
  await deps.documents.createDocument(document, event);
  return document;
}

/** The drafter edits a draft (or a document sent back to draft): the fields given replace the old ones. */
export async function editDraft(deps: Dependencies, ctx: RequestContext, id: string, changes: OutgoingDraftChanges): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.draft');
  const current = await outgoing(deps, ctx, id);
  const status = nextStatus(current, 'edit') as OutgoingDocument['status'];
  const now = deps.clock.now();
  checkDueDate(changes.dueDate, now);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<OutgoingDraft>;
  return commitChange(deps, ctx, current, { ...current, ...defined, ...bump(current, now), status }, 'edited');
}

export async function submitOutgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.submit');
  return step(deps, ctx, id, 'submit', 'submitted');
}

/** The leader approves (and is the signer unless the draft names another). */
export async function approveOutgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.approve');
  return step(deps, ctx, id, 'approve', 'approved', (current) => ({ signer: current.signer ?? { fullName: ctx.principal.name.slice(0, 50) } }));
}

/** The leader sends a submitted or approved document back to draft, with a reason. */
export async function rejectOutgoing(deps: Dependencies, ctx: RequestContext, id: string, reason: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.approve');
  return step(deps, ctx, id, 'reject', 'sent-back', () => ({ sentBack: { reason, at: deps.clock.now().toISOString(), by: who(ctx) } }));
}

/**
 * Issues an approved document: the next number of its register for the Vietnam year, the notation by
 * the rules of Nghị định 30, all in one transaction with the history event.
 */
export async function issueOutgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.issue');
  const current = await outgoing(deps, ctx, id);
  nextStatus(current, 'issue');
  if (deps.signaturePolicy !== 'none') {
    const files = await deps.files.store.list(current.id, { limit: 100 });
    assertSignedForIssue(deps.signaturePolicy, files.items);
  }
  const registerId = chooseRegister(await deps.documents.numbering(current.organId), current);
  const now = deps.clock.now();
  const year = vietnamYear(now);
  const notation = codeNotation(current);
  // Secret documents never travel electronically: they are numbered in their series and sent on paper.
  const sending = !isSecret(current) && current.recipients.length > 0 ? [outboxEntry(deps, 'axisOutbox', current.id, { kind: 'send-document', documentId: current.id, bussinessDocType: 0 })] : [];
  const result = await deps.documents.commitNumbered<OutgoingDocument>({
    counter: { organId: current.organId, kind: 'register', series: registerId, year },
    expectedVersion: current.version,
    build: (number) => {
      const document: OutgoingDocument = {
        ...current,
        ...bump(current, now),
        status: 'issued',
        issue: { number, codeNumber: formatCodeNumber(number), codeNotation: notation, registerId, year, issueDate: vietnamDate(now), issuedAt: now.toISOString(), issuedBy: who(ctx) },
      };
      const event = historyEvent({
        documentId: id,
        sequence: document.version,
        action: 'issued',
        at: now,
        principal: ctx.principal,
        before: { status: current.status },
        after: { status: 'issued', issue: document.issue },
        correlationId: ctx.correlationId,
      });
      return { document, event };
    },
    outbox: sending,
  });
  if (result === 'conflict') throw staleVersion(current);
  await relayEntries(deps, sending);
  return result;
}

/** An agency administrator sets which register (sổ) numbers which document types. */
export async function configureNumbering(deps: Dependencies, ctx: RequestContext, organId: string, config: NumberingConfig): Promise<NumberingConfig> {
  authorize(ctx.principal, 'numbering.write');
  if (organId !== ctx.principal.organId) throw new ForbiddenError('Administrators configure the registers of their own agency only.');
  const parsed = numberingConfigSchema.parse(config);
  await deps.documents.saveNumbering(organId, parsed);
  return parsed;
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
  const next: OutgoingDocument = { ...current, ...extra(current), ...bump(current, deps.clock.now()), status };
  return commitChange(deps, ctx, current, next, label);
}

async function outgoing(deps: Dependencies, ctx: RequestContext, id: string): Promise<OutgoingDocument> {
  const document = await getDocument(deps, ctx, id);
  if (document.direction !== 'outgoing') {
    throw new ConflictError('wrong-direction', `Document ${id} is an incoming document; this step is for outgoing documents.`, { details: { direction: document.direction } });
  }
  return document;
}

function checkDueDate(dueDate: string | undefined, now: Date): void {
  if (dueDate !== undefined && dueDate < vietnamDate(now)) {
    throw new ValidationError('The due date is in the past.', { errors: [{ path: 'body.dueDate', message: `the due date ${dueDate} is before today (${vietnamDate(now)})` }] });
  }
}
