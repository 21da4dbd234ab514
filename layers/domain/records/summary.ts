import type { Document } from '../documents/document.ts';
import type { RecordEntry, WorkRecord } from './record.ts';

/**
 * What a record shows of each of its documents: the fields of the Phụ lục VI document metadata that an
 * archivist reads in a record's table of contents (mục lục văn bản). Incoming and outgoing documents keep
 * them in different places; this is the one shape both become.
 */
export interface DocumentSummary {
  readonly direction: Document['direction'];
  readonly status: Document['status'];
  /** Tên loại. */
  readonly typeName: string;
  /** Trích yếu. */
  readonly subject: string;
  /** Số and ký hiệu; an outgoing document has them only once issued. */
  readonly codeNumber?: string;
  readonly codeNotation?: string;
  /** Ngày tháng văn bản (YYYY-MM-DD): promulgation date, or the issue date of an outgoing document. */
  readonly date?: string;
  /** Tác giả: the issuing agency. */
  readonly issuer: { readonly organId?: string; readonly organName?: string };
  /** Số trang. */
  readonly pageAmount?: number;
}

/** A record's document as listed in the record: the membership plus the document's summary. */
export interface RecordDocument extends RecordEntry {
  /** Absent only if the document can no longer be read (it is never copied into the record). */
  readonly document?: DocumentSummary;
}

/** A record with its documents in ordinal order and the page total (Tổng số trang) they add up to. */
export interface RecordView extends WorkRecord {
  /** Sum of the known page counts; absent when no document states one. */
  readonly pageTotal?: number;
  readonly documents: readonly RecordDocument[];
}

/**
 * @example
 * summarise(incoming).codeNotation // 'QĐ-BTC'
 */
export function summarise(document: Document): DocumentSummary {
  const common = {
    direction: document.direction,
    status: document.status,
    typeName: document.typeName,
    subject: document.subject,
    ...(document.pageAmount === undefined ? {} : { pageAmount: document.pageAmount }),
  };
  if (document.direction === 'incoming') {
    return {
      ...common,
      codeNumber: document.codeNumber,
      codeNotation: document.codeNotation,
      date: document.promulgationDate,
      issuer: { ...(document.issuer.organId === undefined ? {} : { organId: document.issuer.organId }), organName: document.issuer.organName },
    };
  }
  const { issue } = document;
  return {
    ...common,
    ...(issue === undefined ? {} : { codeNumber: issue.codeNumber, codeNotation: issue.codeNotation, date: issue.issueDate }),
    issuer: { organId: document.organId },
  };
}

/** Builds the view of a record from its entries and the summaries found for them. */
export function recordView(record: WorkRecord, entries: readonly RecordEntry[], summaries: ReadonlyMap<string, DocumentSummary>): RecordView {
  const documents = [...entries]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((entry): RecordDocument => {
      const document = summaries.get(entry.documentId);
      return document === undefined ? entry : { ...entry, document };
    });
  const pages = documents.flatMap((d) => (d.document?.pageAmount === undefined ? [] : [d.document.pageAmount]));
  return { ...record, ...(pages.length === 0 ? {} : { pageTotal: pages.reduce((sum, n) => sum + n, 0) }), documents };
}
