import { historyEvent } from '#domain/documents/history';
import { incomingSeries } from '#domain/documents/register-series';
import type { DocumentMetadata } from '#domain/documents/metadata';
import type { IncomingDocument } from '#domain/documents/incoming';
import { nextStatus } from '#domain/documents/lifecycle';
import { authorize } from '#domain/identity/permissions';
import type { Principal } from '#domain/identity/principal';
import { vietnamDate, vietnamYear } from '#domain/time';
import { statusNotice } from '../axis/status-notices.ts';
import type { Dependencies, RequestContext } from '../context.ts';
import { noticeEntries } from '../notifications/publish.ts';
import { relayEntries } from '../outbox/relay.ts';
import { bump, staleVersion } from './change.ts';
import { incoming, who } from './incoming-workflow.ts';

/**
 * Documents that arrive electronically (national axis, signed webhook, internal delivery) start as
 * `arrived` (status 01) in the addressed agency, without a number; the clerk checks and registers them
 * (số đến, status 03) or returns them (02).
 */
export interface Arrival {
  readonly organId: string;
  readonly metadata: DocumentMetadata & { dueDate?: string; note?: string };
  readonly source: NonNullable<IncomingDocument['source']>;
  /** Who or what received it (a system principal for machine channels). */
  readonly receivedBy: Principal;
}

/**
 * Creates the arrived document, once: `uniqueKey` (e.g. the axis docId and the addressed agency) makes a
 * redelivery return the document created the first time. The sender is told 01 (arrived) through the
 * outbox in the same transaction.
 */
export async function receiveIncoming(deps: Dependencies, arrival: Arrival, correlationId: string, options: { uniqueKey?: string } = {}): Promise<IncomingDocument> {
  const now = deps.clock.now();
  const document: IncomingDocument = {
    ...arrival.metadata,
    id: deps.ids.next(),
    direction: 'incoming',
    organId: arrival.organId,
    status: 'arrived',
    arrivalDate: vietnamDate(now),
    channel: arrival.source.channel,
    source: arrival.source,
    registeredBy: { sub: arrival.receivedBy.sub, name: arrival.receivedBy.name },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const event = historyEvent({
    documentId: document.id,
    sequence: 1,
    action: 'arrived',
    at: now,
    principal: arrival.receivedBy,
    before: null,
    after: { status: 'arrived', source: arrival.source },
    correlationId,
  });
  const outbox = [...statusNotice(deps, null, document), ...noticeEntries(deps, undefined, document, 'arrived', arrival.receivedBy)];
  const created = await deps.documents.createDocument(document, event, { outbox, ...(options.uniqueKey === undefined ? {} : { uniqueKey: options.uniqueKey }) });
  if (created.kind === 'exists') {
    const existing = await deps.documents.getDocument(created.documentId);
    if (existing === undefined || existing.direction !== 'incoming') throw new Error(`Receipt ${options.uniqueKey ?? ''} points at a missing document ${created.documentId}`);
    return existing;
  }
  await relayEntries(deps, outbox);
  return document;
}

/** The clerk registers an arrived document: the next số đến of the agency-year (its own series if secret). */
export async function registerArrived(deps: Dependencies, ctx: RequestContext, id: string): Promise<IncomingDocument> {
  authorize(ctx.principal, 'document.register-incoming');
  const current = await incoming(deps, ctx, id);
  nextStatus(current, 'register');
  const now = deps.clock.now();
  const year = vietnamYear(now);
  const notice = statusNotice(deps, current, { ...current, status: 'registered' });
  const result = await deps.documents.commitNumbered<IncomingDocument>({
    counter: { organId: current.organId, kind: 'arrival', series: incomingSeries(current.secrecy), year },
    current,
    build: (number) => {
      const document: IncomingDocument = {
        ...current,
        ...bump(current, now),
        status: 'registered',
        arrivalNumber: number,
        arrivalYear: year,
        arrivalSeries: incomingSeries(current.secrecy),
        registeredBy: who(ctx),
      };
      const event = historyEvent({
        documentId: id,
        sequence: document.version,
        action: 'registered',
        at: now,
        principal: ctx.principal,
        before: { status: current.status },
        after: { status: 'registered', arrivalNumber: number, arrivalYear: year },
        correlationId: ctx.correlationId,
        ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
      });
      return { document, event };
    },
    outbox: notice,
  });
  if (result.kind !== 'committed') throw staleVersion(current);
  await relayEntries(deps, notice);
  return result.document;
}
