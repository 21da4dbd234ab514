import { isSecret, type Document } from '../documents/document.ts';
import { ConflictError, ForbiddenError, UnprocessableError } from '../errors.ts';
import type { Principal } from '../identity/principal.ts';

/**
 * Whether a document may receive a new file. Secret documents (Mật, Tối mật, Tuyệt mật) are metadata only:
 * their content is never stored in the system. An issued or revoked outgoing document is frozen: the
 * files it was issued with are what its recipients received.
 *
 * @example
 * assertAcceptsFiles(document) // throws UnprocessableError 'secret-document' for a Mật document
 */
export function assertAcceptsFiles(document: Document, principal?: Principal): void {
  if (isSecret(document)) {
    throw new UnprocessableError(
      'secret-document',
      `The content of secret documents is never stored in the system: document ${document.id} is classified ${document.secrecy}. Keep the paper original in the secret register.`,
      { details: { documentId: document.id, secrecy: document.secrecy } },
    );
  }
  if (document.direction === 'outgoing' && (document.status === 'issued' || document.status === 'revoked')) {
    throw new ConflictError('document-issued', `Document ${document.id} is ${document.status}: its files can no longer change. Replace the document to send new content.`, {
      details: { documentId: document.id, documentStatus: document.status },
    });
  }
  // An outgoing document's content is its drafter's while it is a draft; after that only the leader (personal
  // signature) and the clerk (the agency's) add to it — never another specialist.
  const signs = principal === undefined || principal.roles.includes('leader') || principal.roles.includes('clerk');
  if (document.direction === 'outgoing' && !signs && (document.createdBy.sub !== principal?.sub || document.status !== 'draft')) {
    throw new ForbiddenError(`Chỉ người soạn thảo được thêm tệp vào bản thảo này, và chỉ khi đang là bản thảo; sau khi trình, lãnh đạo và văn thư thêm bản ký số.`, {
      details: { documentId: document.id },
    });
  }
}

/**
 * A document that holds content (files stored or on their way) cannot become secret: the content of a secret
 * document is never stored, and nothing is destroyed silently. The 409 names the files to take off first
 * (or the clerk registers a new secret draft without them).
 */
export function assertMayBecomeSecret(document: Pick<Document, 'id'>, files: readonly { fileId: string; fileName: string; status: string }[]): void {
  const held = files.filter((file) => file.status !== 'rejected');
  if (held.length === 0) return;
  throw new ConflictError(
    'secret-document-has-content',
    `Văn bản mật không được lưu nội dung trên hệ thống, nhưng văn bản ${document.id} đang có ${held.length} tệp: ${held.map((f) => f.fileName).join(', ')}. Hãy gỡ các tệp này trước, hoặc tạo bản thảo mật mới không kèm tệp; bản giấy lưu theo chế độ văn bản mật.`,
    {
      errors: [{ path: 'body.secrecy', message: `the document holds files: ${held.map((f) => f.fileName).join(', ')}` }],
      details: { files: held.map((f) => ({ fileId: f.fileId, fileName: f.fileName })) },
    },
  );
}
