import type { HistoryEvent } from './history.ts';
import type { IncomingDocument, IncomingStatus } from './incoming.ts';

/**
 * The document store port. The DynamoDB adapter (layers/adapters/dynamo) implements it; unit tests may
 * use an in-memory fake. Every method is all-or-nothing.
 */
export interface DocumentStore {
  /**
   * Allocates the next arrival number (số đến) of the agency-year and writes the document, its first
   * history event and its duplicate marker in one transaction. Gap-free and duplicate-free under
   * concurrency. Resolves `duplicate` (nothing written) when the duplicate marker exists and
   * `allowDuplicate` is false, and `replayed` when the idempotency key was used before.
   */
  registerIncoming(input: {
    document: Omit<IncomingDocument, 'arrivalNumber'>;
    event: (arrivalNumber: number) => HistoryEvent;
    duplicateKey: string;
    allowDuplicate: boolean;
    idempotency?: { key: string; fingerprint: string };
  }): Promise<RegisterOutcome>;

  getDocument(id: string): Promise<IncomingDocument | undefined>;

  listDocuments(query: DocumentQuery): Promise<Page<IncomingDocument>>;

  history(documentId: string): Promise<readonly HistoryEvent[]>;
}

export type RegisterOutcome =
  | { readonly kind: 'created'; readonly document: IncomingDocument }
  | { readonly kind: 'duplicate'; readonly existing: IncomingDocument }
  | { readonly kind: 'replayed'; readonly document: IncomingDocument }
  | { readonly kind: 'idempotency-mismatch'; readonly documentId: string };

export interface DocumentQuery {
  readonly organId: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly status?: IncomingStatus;
  /** Folded search text (see foldVietnamese). */
  readonly text?: string;
  /** Inclusive ISO instants on the creation time. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}
