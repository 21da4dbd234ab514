import type { HistoryEvent } from './history.ts';
import type { Document, DocumentStatus } from './document.ts';
import type { IncomingDocument } from './incoming.ts';
import type { OutboxEntry } from '../outbox.ts';
import type { SearchWords } from '../search/words.ts';
import type { DocumentFile } from '../files/file.ts';
import type { SigningSession } from '../signing/session.ts';

/**
 * The document store port. The DynamoDB adapter (layers/adapters/dynamo) implements it; unit tests may
 * use an in-memory fake. Every method is all-or-nothing.
 */
export interface DocumentStore {
  /**
   * Allocates the next arrival number (số đến) of the agency-year and writes the document, its first
   * history event and its duplicate markers in one transaction. Gap-free and duplicate-free under
   * concurrency. Resolves `duplicate` (nothing written) when a duplicate marker exists and
   * `allowDuplicate` is false, and `replayed` when the idempotency key was used before.
   */
  registerIncoming(input: {
    document: Omit<IncomingDocument, 'arrivalNumber'> & { arrivalYear: number };
    event: (arrivalNumber: number) => HistoryEvent;
    /** One duplicate marker per key (duplicateKeys): the issuer by code and by name. */
    duplicateKeys: readonly string[];
    allowDuplicate: boolean;
    idempotency?: { key: string; fingerprint: string };
    /** Messages of the registration (a notice of an urgent document), written in its transaction. */
    outbox?: readonly OutboxEntry[];
  }): Promise<RegisterOutcome>;

  getDocument(id: string): Promise<Document | undefined>;

  /** The document created under a unique key (a received package, an internal delivery), if any. */
  findByUniqueKey(uniqueKey: string): Promise<string | undefined>;

  /**
   * Writes a new document with its first history event (and outbox entries). With `uniqueKey`, at most one
   * document is ever created for that key (a received package, a delivery): `exists` names the first one.
   */
  createDocument(
    document: Document,
    event: HistoryEvent,
    options?: { outbox?: readonly OutboxEntry[]; uniqueKey?: string },
  ): Promise<{ kind: 'created' } | { kind: 'exists'; documentId: string }>;

  /**
   * Writes the next version of a document with its history event and outbox entries, if the stored version is
   * still `current` (its work counters move from `current` to `next`); with `with`, in the same transaction: new file items (a signed PDF the system
   * made) and the consumption of the signing session that made it (refused when already completed).
   */
  updateDocument(next: Document, current: Document, event: HistoryEvent, outbox?: readonly OutboxEntry[], with_?: DocumentWrites): Promise<'saved' | 'conflict'>;

  /**
   * Gives an existing document the next number of a series (số đến of an arrived document, số đi of an
   * approved one) and writes its next version with the history event, in one transaction; gap-free and
   * duplicate-free under concurrency. With `printed`, the same transaction reserves the printed identity
   * (a number and notation is issued once a year), records the notation family's last number on the
   * register counter, and checks that the numbering configuration is still the version the series was
   * chosen under.
   */
  commitNumbered<D extends Document>(input: {
    counter: NumberSeries;
    /** The version the numbered change replaces (written only if it is still the stored one). */
    current: Document;
    /** Builds what carries the number; may be asynchronous (a stamp and seal made with the number). Called again on a retry. */
    build: (number: number) => NumberedWrite<D> | Promise<NumberedWrite<D>>;
    outbox?: readonly OutboxEntry[];
    printed?: PrintedReservation;
  }): Promise<NumberedResult<D>>;

  /** The register (sổ) of a year in number order. */
  register(query: RegisterQuery): Promise<Page<Document>>;

  /**
   * An agency's documents, newest first. With `words`, or without a direction, answered from the word index
   * (docs/DATA.md, "Search"): the first page in a number of requests that does not grow with the agency's
   * documents; otherwise a Query of the direction (or status) index.
   */
  listDocuments(query: DocumentQuery): Promise<Page<Document>>;

  history(documentId: string): Promise<readonly HistoryEvent[]>;

  /**
   * Indexes for search the agency's documents whose write left them pending before `before` (an ISO instant:
   * the function stopped between the commit and the indexing); stops when `timeLeftMs` runs low.
   */
  finishIndexing(organId: string, before: string, timeLeftMs: () => number): Promise<IndexingReport>;

  /**
   * Open documents of an agency with a deadline on or before `date` (a Vietnam date), earliest deadline
   * first: the sparse deadline index (docs/DATA.md pattern 10), read by the deadline watcher.
   */
  dueBefore(organId: string, date: string, page: { readonly limit: number; readonly nextToken?: string }): Promise<Page<Document>>;
}

/** What a numbered write carries: the document's next version, its event, and files made with the number. */
export interface NumberedWrite<D> {
  readonly document: D;
  readonly event: HistoryEvent;
  readonly files?: readonly DocumentFile[];
}

/** Items written with a document's next version. */
export interface DocumentWrites {
  readonly files?: readonly DocumentFile[];
  readonly signing?: SigningSession;
}

/** What an issue reserves beside its number: see DocumentStore.commitNumbered. */
export interface PrintedReservation {
  /** The printed identity of the number (printedIdentity) with its scope: `public` or `secret`. */
  readonly identity: (number: number) => string;
  readonly scope: 'public' | 'secret';
  /** The notation family whose last number the register counter keeps (numbering.ts notationFamily). */
  readonly family?: string;
  readonly numberingVersion: number;
}

export type NumberedResult<D> =
  | { readonly kind: 'committed'; readonly document: D }
  /** The document changed since `expectedVersion`. */
  | { readonly kind: 'conflict' }
  /** The numbering configuration changed since it was read: choose the series again. */
  | { readonly kind: 'numbering-changed' }
  /** The printed number and notation is already another document's. */
  | { readonly kind: 'printed-taken'; readonly identity: string; readonly documentId: string };

export type RegisterOutcome =
  | { readonly kind: 'created'; readonly document: IncomingDocument }
  | { readonly kind: 'duplicate'; readonly existing: IncomingDocument }
  | { readonly kind: 'replayed'; readonly document: IncomingDocument }
  | { readonly kind: 'idempotency-mismatch'; readonly documentId: string };

export interface DocumentQuery {
  readonly organId: string;
  /** Absent: incoming and outgoing together. */
  readonly direction?: 'incoming' | 'outgoing';
  readonly status?: DocumentStatus;
  /** The words the documents must hold (layers/domain/search/words.ts). */
  readonly words?: SearchWords;
  /** Folded part of the issuer's name or code. */
  readonly issuer?: string;
  /** Folded type name (foldVietnamese), matched whole. */
  readonly typeName?: string;
  /** `person:<sub>` or `unit:<organId>`. */
  readonly assignee?: string;
  /** Open documents whose deadline is before this Vietnam date. */
  readonly overdueOn?: string;
  /** Need-to-know: secret documents only where the caller is the drafter or one of these assignee keys. */
  readonly secretVisibleTo?: { readonly sub: string; readonly assigneeKeys: readonly string[] };
  /** Inclusive ISO instants on the time the document was created in vanthu (arrived/registered, drafted). */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

/** A numbering series: số đến (ordinary or secret) or a register (sổ) of outgoing documents, per agency and year. */
export interface NumberSeries {
  readonly organId: string;
  readonly kind: 'arrival' | 'register';
  /** Arrival: `main` or `secret`; register: the register id (`secret` for the secret series). */
  readonly series: string;
  readonly year: number;
}

export interface RegisterQuery {
  readonly organId: string;
  readonly direction: 'incoming' | 'outgoing';
  /** Incoming: `main` or `secret`; outgoing: the register id (`secret` for the secret series). */
  readonly series: string;
  readonly year: number;
  readonly limit: number;
  readonly nextToken?: string;
}

/** What a run of `finishIndexing` did: entries indexed, pending items of entries gone, items left for later. */
export interface IndexingReport {
  readonly finished: number;
  readonly removed: number;
  readonly left: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}
