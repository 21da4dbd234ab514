import { isSecret, type Document } from '../documents/document.ts';
import { ConflictError, UnprocessableError } from '../errors.ts';

/**
 * Whether a document may receive a new file. Secret documents (Mật, Tối mật, Tuyệt mật) are metadata only:
 * their content is never stored in the system. An issued or revoked outgoing document is frozen: the
 * files it was issued with are what its recipients received.
 *
 * @example
 * assertAcceptsFiles(document) // throws UnprocessableError 'secret-document' for a Mật document
 */
export function assertAcceptsFiles(document: Document): void {
  if (isSecret(document)) {
    throw new UnprocessableError(
      'secret-document',
      `The content of secret documents is never stored in the system: document ${document.id} is classified ${document.secrecy}. Keep the paper original in the secret register.`,
      { details: { documentId: document.id, secrecy: document.secrecy } },
    );
  }
  if (document.direction === 'outgoing' && (document.status === 'issued' || document.status === 'revoked')) {
    throw new ConflictError('document-issued', `Document ${document.id} is ${document.status}: its files can no longer change. Replace the document to send new content.`, {
      details: { documentId: document.id, status: document.status },
    });
  }
}
