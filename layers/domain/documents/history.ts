import type { Principal, Role } from '../identity/principal.ts';

/**
 * One entry of a document's history: who (and in which role), when, what, and the fields before and
 * after. Entries are written in the same transaction as the change and never rewritten.
 */
export interface HistoryEvent {
  readonly documentId: string;
  /** Equals the document version the change produced: 1 for creation, then 2, 3, ... */
  readonly sequence: number;
  readonly action: string;
  readonly at: string;
  readonly actor: { readonly sub: string; readonly name: string; readonly organId: string; readonly roles: Role[] };
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>>;
  /** The client's correlation id: a tracing tag only, not evidence. */
  readonly correlationId?: string;
  /** The server's id of the request that made the change (API Gateway's request id): what the audit trail trusts. */
  readonly requestId?: string;
}

export function historyEvent(input: {
  documentId: string;
  sequence: number;
  action: string;
  at: Date;
  principal: Principal;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  correlationId?: string;
  requestId?: string;
}): HistoryEvent {
  const { principal } = input;
  return {
    documentId: input.documentId,
    sequence: input.sequence,
    action: input.action,
    at: input.at.toISOString(),
    actor: { sub: principal.sub, name: principal.name, organId: principal.organId, roles: [...principal.roles] },
    before: input.before,
    after: input.after,
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
  };
}
