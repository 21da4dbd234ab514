/**
 * Work records (hồ sơ công việc) kept by specialists: a titled folder of documents with a FileCode, opened,
 * filled, closed and later handed to the archive. A document sits in any number of records without being
 * copied; each membership gives it an ordinal (số thứ tự văn bản trong hồ sơ).
 *
 * The 11 work-record metadata fields of Nghị định 30/2020 Phụ lục VI, and where each lives here (the
 * English names are the data dictionary's, also used as XML element names by the export):
 * 1. Mã hồ sơ (FileCode) → `fileCode`
 * 2. Tiêu đề hồ sơ (Title) → `title`
 * 3. Thời hạn bảo quản (Maintenance) → `maintenance`: 'permanent' (vĩnh viễn) or a number of years
 * 4. Chế độ sử dụng (Rights) → `rights`, optional free text: the allowed values are not settled [unverified]
 * 5. Ngôn ngữ (Language) → `language`, 'Tiếng Việt' unless given
 * 6. Thời gian bắt đầu (StartDate) → `startDate`, the Vietnam date the record was opened
 * 7. Thời gian kết thúc (EndDate) → `endDate`, the Vietnam date it was closed. Some archive guidance uses
 *    the dates of the earliest and latest documents instead [unverified]; the export keeps these.
 * 8. Tổng số văn bản trong hồ sơ (DocTotal) → `documentCount`
 * 9. Tổng số trang của hồ sơ (PageTotal) → computed from the documents' page counts when read
 * 10. Ký hiệu thông tin (InforSign) → `infoSign`, optional
 * 11. Ghi chú (Description) → `description`, optional
 * Field lengths other than FileCode's parts are not verified and are kept generous.
 */
import * as z from 'zod';
import { textSchema } from '../documents/metadata.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Principal } from '../identity/principal.ts';
import { vietnamDate, vietnamYear } from '../time.ts';
import { fileCode, fileNotationSchema } from './file-code.ts';

/** Đang mở / đã kết thúc. */
export const recordStatuses = ['open', 'closed'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/** Thời hạn bảo quản: permanent, or kept for a number of years. */
export const maintenanceSchema = z.union([z.literal('permanent'), z.number().int().min(1).max(100)], {
  error: "expected 'permanent' or a number of years from 1 to 100",
});
export type Maintenance = z.infer<typeof maintenanceSchema>;

export const DEFAULT_LANGUAGE = 'Tiếng Việt';

/** What a user sends to open a record. */
export const newRecordSchema = z.object({
  fileNotation: fileNotationSchema,
  title: textSchema().min(1, 'the title (tiêu đề hồ sơ) is required').max(1000),
  /** Năm hình thành hồ sơ; the current Vietnam year unless given. */
  year: z.number().int().min(1945).max(2100).optional(),
  maintenance: maintenanceSchema,
  rights: textSchema().min(1).max(100).optional(),
  language: textSchema().min(1).max(100).default(DEFAULT_LANGUAGE),
  infoSign: textSchema().min(1).max(30).optional(),
  description: textSchema().max(1000).optional(),
  /** Handled in the system (online) or kept on paper and only registered here: the city's online-processing KPI. */
  medium: z.enum(['online', 'paper']).default('online'),
});
export type NewRecord = z.infer<typeof newRecordSchema>;

export interface Person {
  readonly sub: string;
  readonly name: string;
}

export interface WorkRecord {
  readonly id: string;
  /** The agency that owns the record; only its users see it. */
  readonly organId: string;
  readonly fileCode: string;
  readonly fileNotation: string;
  readonly year: number;
  readonly title: string;
  readonly maintenance: Maintenance;
  readonly rights?: string;
  readonly language: string;
  readonly infoSign?: string;
  readonly description?: string;
  readonly medium: 'online' | 'paper';
  /** Người lập hồ sơ: who opened and keeps it. */
  readonly keeper: Person;
  readonly status: RecordStatus;
  readonly openedAt: string;
  readonly startDate: string;
  readonly closedAt?: string;
  readonly closedBy?: Person;
  readonly endDate?: string;
  /** Tổng số văn bản; also the ordinal of the last document added. */
  readonly documentCount: number;
  readonly updatedAt: string;
  /** Optimistic-lock version: every change is conditional on it. */
  readonly version: number;
}

/** One document in one record: the membership, not a copy of the document. */
export interface RecordEntry {
  readonly recordId: string;
  /** Số thứ tự văn bản trong hồ sơ, from 1, in the order documents were added. */
  readonly ordinal: number;
  readonly documentId: string;
  readonly addedAt: string;
  readonly addedBy: Person;
}

/**
 * Opens a record of the caller's agency. The year may be an earlier one (records formed before the system
 * are entered later) but not a future one.
 *
 * @example
 * const record = newWorkRecord(newRecordSchema.parse({ fileNotation: '01.TH', title: 'Hồ sơ ...', maintenance: 10 }), { id, principal, now });
 * record.fileCode // '000.00.91.H26.2026.01.TH'
 */
export function newWorkRecord(input: NewRecord, context: { id: string; principal: Principal; now: Date }): WorkRecord {
  const currentYear = vietnamYear(context.now);
  const year = input.year ?? currentYear;
  if (year > currentYear) {
    throw new ValidationError(`A record cannot be formed in ${year}: the current year is ${currentYear}.`, {
      errors: [{ path: 'body.year', message: `must not be after ${currentYear}` }],
    });
  }
  const timestamp = context.now.toISOString();
  return {
    ...input,
    id: context.id,
    organId: context.principal.organId,
    fileCode: fileCode(context.principal.organId, year, input.fileNotation),
    year,
    keeper: person(context.principal),
    status: 'open',
    openedAt: timestamp,
    startDate: vietnamDate(context.now),
    documentCount: 0,
    updatedAt: timestamp,
    version: 1,
  };
}

/**
 * Adds a document as the next ordinal: the record after the change and the membership entry. A closed
 * record takes no more documents.
 */
export function appendDocument(record: WorkRecord, documentId: string, context: { principal: Principal; now: Date }): { record: WorkRecord; entry: RecordEntry } {
  assertRecordOpen(record, 'add documents to it');
  const ordinal = record.documentCount + 1;
  const at = context.now.toISOString();
  return {
    record: { ...record, documentCount: ordinal, updatedAt: at, version: record.version + 1 },
    entry: { recordId: record.id, ordinal, documentId, addedAt: at, addedBy: person(context.principal) },
  };
}

/** Closes a record (kết thúc hồ sơ): no documents can be added afterwards, and it cannot be closed again. */
export function closeWorkRecord(record: WorkRecord, context: { principal: Principal; now: Date }): WorkRecord {
  assertRecordOpen(record, 'close it again');
  const at = context.now.toISOString();
  return { ...record, status: 'closed', closedAt: at, closedBy: person(context.principal), endDate: vietnamDate(context.now), updatedAt: at, version: record.version + 1 };
}

/** Throws 409 `record-closed` unless the record is open; `what` completes "you cannot …". */
export function assertRecordOpen(record: WorkRecord, what: string): void {
  if (record.status === 'open') return;
  throw new ConflictError('record-closed', `Record ${record.fileCode} was closed on ${record.endDate ?? record.closedAt ?? 'an earlier date'}; you cannot ${what}.`, {
    details: { recordId: record.id, fileCode: record.fileCode, closedAt: record.closedAt },
  });
}

function person(principal: Principal): Person {
  return { sub: principal.sub, name: principal.name };
}
