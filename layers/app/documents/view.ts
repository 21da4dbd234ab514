import type { IncomingDocument } from '#domain/documents/incoming';

/** The document as the API shows it (the stored record minus nothing secret today; one place to change). */
export function publicDocument(document: IncomingDocument): IncomingDocument {
  return document;
}
