import { isSecret } from '#domain/documents/document';
import type { IncomingDocument, SenderRequest } from '#domain/documents/incoming';
import { nextStatus } from '#domain/documents/lifecycle';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { ConflictError, UnprocessableError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { bump, commitChange } from '../documents/change.ts';
import { incoming, who } from '../documents/incoming-workflow.ts';
import { getDocument } from '../documents/read-documents.ts';
import { outboxEntry } from '../outbox/relay.ts';
import { systemPrincipal } from './recipients.ts';

const bussinessDocTypes = { revocation: 1, update: 2, replacement: 3 } as const;
const actions = { revocation: 'revoke', update: 'update', replacement: 'replace' } as const;

/**
 * The sender's clerk revokes (thu hồi, BussinessDocType 1), updates (cập nhật, 2) or replaces (thay thế, 3)
 * an issued document: the document is frozen (revoked or replaced) and the request goes to every recipient
 * through the same channels as the document. Secret documents never travel electronically (422).
 */
export async function sendRequest(
  deps: Dependencies,
  ctx: RequestContext,
  id: string,
  type: SenderRequest['type'],
  input: { reason: string; replacementDocumentId?: string },
): Promise<OutgoingDocument> {
  authorize(ctx.principal, 'document.issue');
  const current = await getDocument(deps, ctx, id);
  if (current.direction !== 'outgoing') throw new ConflictError('wrong-direction', `Document ${id} is an incoming document; only the sender revokes, updates or replaces.`);
  const status = nextStatus(current, actions[type]) as OutgoingDocument['status'];
  if (isSecret(current)) {
    throw new UnprocessableError('secret-document', 'A secret document never travels electronically: revoke, update or replace it on paper, by the rules for secret documents.', {
      details: { secrecy: current.secrecy },
    });
  }
  if (input.replacementDocumentId !== undefined) {
    const replacement = await getDocument(deps, ctx, input.replacementDocumentId);
    if (replacement.direction !== 'outgoing' || replacement.status !== 'issued' || isSecret(replacement)) {
      throw new UnprocessableError(
        'replacement-not-issued',
        'The replacement must be an issued, non-secret outgoing document of your agency (a secret one never travels electronically, not even its identity).',
        { errors: [{ path: 'body.replacementDocumentId', message: 'not an issued outgoing document' }] },
      );
    }
  }
  const now = deps.clock.now();
  const next: OutgoingDocument = {
    ...current,
    ...bump(current, now),
    status,
    senderRequest: {
      type,
      reason: input.reason,
      at: now.toISOString(),
      ...(input.replacementDocumentId === undefined ? {} : { replacementDocumentId: input.replacementDocumentId }),
    },
  };
  const message = outboxEntry(deps, 'axisOutbox', current.id, { kind: 'send-document', documentId: current.id, bussinessDocType: bussinessDocTypes[type], reason: input.reason });
  return commitChange(deps, ctx, current, next, `${type}-sent`, [message]);
}

/** A request from the sender reaches the received document: it waits for the clerk's decision. */
export async function applySenderRequest(deps: Dependencies, documentId: string, request: SenderRequest, correlationId: string): Promise<void> {
  const current = await deps.documents.getDocument(documentId);
  if (current === undefined || current.direction !== 'incoming' || current.status === 'withdrawn') return;
  if (current.pendingRequest?.type === request.type && current.pendingRequest.reason === request.reason) return;
  const principal = systemPrincipal(current.organId, 'sender-request');
  const next: IncomingDocument = { ...current, ...bump(current, deps.clock.now()), pendingRequest: request };
  await commitChange(deps, { principal, correlationId }, current, next, `${request.type}-requested`);
}

/**
 * The receiving clerk accepts (15) or refuses (16) the sender's request. An accepted revocation or
 * replacement withdraws the document — kept, with the request's metadata; an accepted update applies the
 * sender's corrected metadata.
 */
export async function decideRequest(deps: Dependencies, ctx: RequestContext, id: string, input: { decision: 'accept' | 'refuse'; note?: string }): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.register-incoming');
  const current = await incoming(deps, ctx, id);
  const request = current.pendingRequest;
  if (request === undefined) throw new ConflictError('no-pending-request', `Document ${id} has no revocation, update or replacement waiting for a decision.`);
  const now = deps.clock.now();
  const { pendingRequest: _answered, ...rest } = current;
  let next: IncomingDocument = { ...rest, ...bump(current, now) };
  if (input.decision === 'accept' && request.type !== 'update') {
    next = { ...next, status: nextStatus(current, 'withdraw') as IncomingDocument['status'], withdrawn: { ...request, acceptedAt: now.toISOString(), acceptedBy: who(ctx) } };
  }
  if (input.decision === 'accept' && request.type === 'update') next = { ...next, ...request.metadata };
  const code = input.decision === 'accept' ? '15' : '16';
  const answer = outboxEntry(deps, 'axisOutbox', current.id, {
    kind: 'send-status',
    documentId: current.id,
    statusCode: code,
    description: input.note ?? (code === '15' ? 'Đồng ý' : 'Không đồng ý'),
  });
  return commitChange(
    deps,
    ctx,
    current,
    next,
    `${request.type}-${input.decision === 'accept' ? 'accepted' : 'refused'}`,
    current.source === undefined || current.source.channel === 'webhook' ? [] : [answer],
  );
}
