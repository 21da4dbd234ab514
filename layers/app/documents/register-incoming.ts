import { createHash } from 'node:crypto';
import { ConflictError, UnprocessableError } from '#domain/errors';
import { historyEvent } from '#domain/documents/history';
import { duplicateKeys, newIncomingDocument, type IncomingDocument, type IncomingRegistration } from '#domain/documents/incoming';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { noticeEntries } from '../notifications/publish.ts';
import { relayEntries } from '../outbox/relay.ts';
import { publicDocument } from './view.ts';

/**
 * Registers a received document (vào sổ văn bản đến): gives it the next arrival number of the agency for
 * the current Vietnam year, records who registered it, and warns on a duplicate.
 *
 * @example
 * const doc = await registerIncoming(deps, ctx, { issuer: { organName: 'Bộ Tài chính' }, codeNumber: '15', ... });
 * doc.arrivalNumber // 1 for the first document of the year
 */
export async function registerIncoming(deps: Dependencies, ctx: RequestContext, input: IncomingRegistration): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.register-incoming');
  const document = newIncomingDocument(input, { id: deps.ids.next(), principal: ctx.principal, now: deps.clock.now() });
  // An urgent document is announced to the agency's clerks and leaders with its registration.
  const outbox = noticeEntries(deps, undefined, document, 'registered', ctx.principal);
  const outcome = await deps.documents.registerIncoming({
    document,
    event: (arrivalNumber) =>
      historyEvent({
        documentId: document.id,
        sequence: 1,
        action: 'registered',
        at: new Date(document.createdAt),
        principal: ctx.principal,
        before: null,
        after: { status: document.status, arrivalNumber, arrivalYear: document.arrivalYear },
        correlationId: ctx.correlationId,
        ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
      }),
    duplicateKeys: duplicateKeys(input),
    allowDuplicate: input.allowDuplicate,
    ...(ctx.idempotencyKey === undefined ? {} : { idempotency: { key: ctx.idempotencyKey, fingerprint: fingerprint(input) } }),
    outbox,
  });
  switch (outcome.kind) {
    case 'created':
      await relayEntries(deps, outbox);
      return outcome.document;
    case 'replayed':
      return outcome.document;
    case 'duplicate':
      throw new ConflictError(
        'duplicate-document',
        `A document from the same issuer with number ${input.codeNumber}/${input.codeNotation} of ${input.promulgationDate.slice(0, 4)} is already registered as arrival number ${outcome.existing.arrivalNumber}. Send allowDuplicate: true to register it again.`,
        { details: { existing: publicDocument(outcome.existing) } },
      );
    case 'idempotency-mismatch':
      throw new UnprocessableError('idempotency-key-reused', 'This Idempotency-Key was already used for a different request; use a new key for a new document.', {
        errors: [{ path: 'header.idempotency-key', message: 'already used with another body' }],
        details: { documentId: outcome.documentId },
      });
  }
}

function fingerprint(input: IncomingRegistration): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}
