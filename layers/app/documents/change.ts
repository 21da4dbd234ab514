import type { Document } from '#domain/documents/document';
import type { OutboxEntry } from '#domain/outbox';
import { historyEvent } from '#domain/documents/history';
import { ConflictError } from '#domain/errors';
import { statusNotice } from '../axis/status-notices.ts';
import type { Dependencies, RequestContext } from '../context.ts';
import { noticeEntries } from '../notifications/publish.ts';
import { relayEntries } from '../outbox/relay.ts';

/**
 * Writes the next version of a document together with its history event (who, role, when, what, the
 * changed fields before and after). A concurrent change in between → 409 `stale-version`, nothing written.
 */
export async function commitChange<D extends Document>(
  deps: Dependencies,
  ctx: RequestContext,
  current: Document,
  next: D,
  action: string,
  extraOutbox: readonly OutboxEntry[] = [],
): Promise<D> {
  const event = historyEvent({
    documentId: current.id,
    sequence: next.version,
    action,
    at: new Date(next.updatedAt),
    principal: ctx.principal,
    ...diff(current, next),
    correlationId: ctx.correlationId,
    ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
  });
  const outbox = [...statusNotice(deps, current, next), ...extraOutbox, ...noticeEntries(deps, current, next, action, ctx.principal)];
  const outcome = await deps.documents.updateDocument(next, current, event, outbox);
  if (outcome === 'conflict') throw staleVersion(current);
  await relayEntries(deps, outbox);
  return next;
}

/** The next version's bookkeeping: version + 1 and the time of the change. */
export function bump<D extends Document>(document: D, now: Date): Pick<D, 'version' | 'updatedAt'> {
  return { version: document.version + 1, updatedAt: now.toISOString() } as Pick<D, 'version' | 'updatedAt'>;
}

export function staleVersion(current: Pick<Document, 'id' | 'version'>): ConflictError {
  return new ConflictError('stale-version', `Document ${current.id} was changed by someone else at the same time; reload it and try again.`, {
    details: { version: current.version },
  });
}

/** The fields that changed, before and after (bookkeeping fields left out). */
function diff(before: Document, after: Document): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const skip = new Set(['version', 'updatedAt']);
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const name of names) {
    if (skip.has(name)) continue;
    const x = (before as unknown as Record<string, unknown>)[name];
    const y = (after as unknown as Record<string, unknown>)[name];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    b[name] = x ?? null;
    a[name] = y ?? null;
  }
  return { before: b, after: a };
}
