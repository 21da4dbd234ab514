import type { IncomingDocument, IncomingStatus } from './incoming.ts';
import type { OutgoingDocument, OutgoingStatus } from './outgoing.ts';

/** A document of the system: received (văn bản đến) or sent (văn bản đi). */
export type Document = IncomingDocument | OutgoingDocument;
export type DocumentStatus = IncomingStatus | OutgoingStatus;
export type Direction = Document['direction'];

/** Secret documents (Mật, Tối mật, Tuyệt mật) are metadata only and never travel electronically. */
export function isSecret(document: Pick<Document, 'secrecy'>): boolean {
  return document.secrecy !== 'none';
}
