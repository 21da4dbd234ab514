import { ConflictError } from '../errors.ts';
import type { Document, DocumentStatus } from './document.ts';
import type { IncomingStatus } from './incoming.ts';
import type { OutgoingStatus } from './outgoing.ts';

/**
 * The explicit state machines of documents. Every workflow step names an action; the table says, per
 * status, which actions are allowed and where they lead. Anything else is refused with a 409 that lists
 * what is allowed now.
 *
 * Incoming (edXML status codes): arrived 01 → registered 03 → assigned 04 → processing 05 → finished 06;
 * returned 02 from arrived or registered. Outgoing: draft → submitted → approved → issued → revoked.
 */
export const incomingTransitions = {
  arrived: { register: 'registered', return: 'returned', withdraw: 'withdrawn' },
  registered: { assign: 'assigned', return: 'returned', withdraw: 'withdrawn' },
  assigned: { assign: 'assigned', progress: 'processing', complete: 'finished', withdraw: 'withdrawn' },
  processing: { assign: 'assigned', progress: 'processing', complete: 'finished', withdraw: 'withdrawn' },
  finished: { withdraw: 'withdrawn' },
  returned: {},
  withdrawn: {},
} as const satisfies Record<IncomingStatus, Partial<Record<string, IncomingStatus>>>;

export const outgoingTransitions = {
  draft: { edit: 'draft', submit: 'submitted' },
  submitted: { approve: 'approved', reject: 'draft' },
  approved: { issue: 'issued', reject: 'draft' },
  issued: { revoke: 'revoked', update: 'issued', replace: 'revoked' },
  revoked: {},
} as const satisfies Record<OutgoingStatus, Partial<Record<string, OutgoingStatus>>>;

export type IncomingAction = { [S in IncomingStatus]: keyof (typeof incomingTransitions)[S] }[IncomingStatus];
export type OutgoingAction = { [S in OutgoingStatus]: keyof (typeof outgoingTransitions)[S] }[OutgoingStatus];
export type DocumentAction = IncomingAction | OutgoingAction;

/** Transitions the system makes on a decision elsewhere (an accepted revocation), never offered to users. */
const systemActions = new Set(['withdraw']);

/** The actions a user may take on a document now. */
export function allowedActions(document: Pick<Document, 'direction' | 'status'>): string[] {
  const table: Record<string, Record<string, string>> = document.direction === 'incoming' ? incomingTransitions : outgoingTransitions;
  return Object.keys(table[document.status] ?? {}).filter((action) => !systemActions.has(action));
}

/** The status an action leads to, or a ConflictError `illegal-transition` that lists the allowed actions. */
export function nextStatus(document: Pick<Document, 'direction' | 'status' | 'id'>, action: DocumentAction): DocumentStatus {
  const table: Record<string, Record<string, DocumentStatus>> = document.direction === 'incoming' ? incomingTransitions : outgoingTransitions;
  const next = table[document.status]?.[action];
  if (next === undefined) {
    const allowed = allowedActions(document);
    throw new ConflictError(
      'illegal-transition',
      `A${document.direction === 'incoming' ? 'n incoming' : 'n outgoing'} document that is ${document.status} cannot be ${pastTense(action)}; allowed now: ${allowed.length === 0 ? 'nothing (it is closed)' : allowed.join(', ')}.`,
      { details: { documentStatus: document.status, action, allowed } },
    );
  }
  return next;
}

function pastTense(action: string): string {
  const words: Record<string, string> = {
    withdraw: 'withdrawn',
    register: 'registered',
    return: 'returned',
    assign: 'assigned',
    progress: 'given a progress note',
    complete: 'completed',
    edit: 'edited',
    submit: 'submitted',
    approve: 'approved',
    reject: 'sent back',
    issue: 'issued',
    revoke: 'revoked',
  };
  return words[action] ?? action;
}
