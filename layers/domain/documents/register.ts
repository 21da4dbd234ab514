import type { Document } from './document.ts';
import type { IncomingDocument } from './incoming.ts';
import type { Secrecy } from './metadata.ts';
import type { OutgoingDocument } from './outgoing.ts';
import { vietnamDate } from '../time.ts';

/**
 * The registers (sổ đăng ký) of Nghị định 30/2020 (Phụ lục IV) with their columns, as rows a clerk prints or
 * opens in a spreadsheet. Every date is a Vietnam date (UTC+7). Columns a paper register fills by hand
 * (Ký nhận) stay empty. The secret series adds the Độ mật column, so a secret row is never mistaken for an
 * ordinary one wherever it is copied.
 */
export const incomingRegisterColumns = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số ký hiệu',
  'Ngày văn bản',
  'Tên loại và trích yếu',
  'Đơn vị/người nhận',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;
export const outgoingRegisterColumns = [
  'Số ký hiệu',
  'Ngày tháng',
  'Tên loại và trích yếu',
  'Người ký',
  'Nơi nhận',
  'Đơn vị nhận bản lưu',
  'Số lượng bản',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;
export const SECRECY_COLUMN = 'Độ mật';

export type RegisterRow = Readonly<Record<string, string>>;

/** One register book to print (layers/print): its cover facts and its rows, keyed by column name. */
export interface RegisterBook {
  readonly agencyName: string;
  readonly agencyCode: string;
  /** SỔ ĐĂNG KÝ VĂN BẢN ĐI / ĐẾN. */
  readonly title: string;
  readonly seriesName: string;
  readonly year: number;
  /** First and last number in the book ("01", "125"); both absent when the book is empty. */
  readonly fromNumber?: string;
  readonly toNumber?: string;
  /** A register of classified documents: the cover and every page header carry "MẬT". */
  readonly secret: boolean;
  readonly columns: readonly string[];
  /** Read while printing (a year is never held whole). */
  readonly rows: AsyncIterable<RegisterRow> | Iterable<RegisterRow>;
  /** When it was printed, as the clerk reads it ("03/12/2026 09:15"); shown in the footer. */
  readonly printedAt?: string;
  /** Relative column widths by column name, for a register whose columns the defaults do not know. */
  readonly columnWeights?: Readonly<Record<string, number>>;
}

/** Độ mật as printed: Mật, Tối mật, Tuyệt mật. */
export const secrecyLabels: Readonly<Record<Secrecy, string>> = { none: '', confidential: 'Mật', secret: 'Tối mật', 'top-secret': 'Tuyệt mật' };

/** The columns of a register: the decree's, plus Độ mật for the secret series. */
export function registerColumns(direction: Document['direction'], secret: boolean): string[] {
  return [...(direction === 'incoming' ? incomingRegisterColumns : outgoingRegisterColumns), ...(secret ? [SECRECY_COLUMN] : [])];
}

export function registerRow(document: Document, secret: boolean): RegisterRow {
  const row = document.direction === 'incoming' ? incomingRegisterRow(document) : outgoingRegisterRow(document);
  return secret ? { ...row, [SECRECY_COLUMN]: secrecyLabels[document.secrecy] } : row;
}

function incomingRegisterRow(document: IncomingDocument): RegisterRow {
  const lead = document.assignment?.lead;
  return {
    'Ngày đến': displayDate(document.arrivalDate),
    'Số đến': document.arrivalNumber === undefined ? '' : String(document.arrivalNumber),
    'Tác giả': document.issuer.organName,
    'Số ký hiệu': `${document.codeNumber}/${document.codeNotation}`,
    'Ngày văn bản': displayDate(document.promulgationDate),
    'Tên loại và trích yếu': `${document.typeName}: ${document.subject}`,
    'Đơn vị/người nhận': lead === undefined ? '' : lead.name,
    // Ngày chuyển: the Vietnam day the document was handed to the unit or person who processes it.
    'Ngày chuyển': document.assignment === undefined ? '' : displayDate(vietnamDate(new Date(document.assignment.assignedAt))),
    'Ký nhận': '',
    'Ghi chú': [document.status === 'returned' ? `Trả lại: ${document.returned?.reason ?? ''}` : '', document.note ?? ''].filter((x) => x !== '').join('; '),
  };
}

function outgoingRegisterRow(document: OutgoingDocument): RegisterRow {
  const issue = document.issue;
  return {
    'Số ký hiệu': issue === undefined ? '' : `${issue.codeNumber}/${issue.codeNotation}`,
    'Ngày tháng': issue === undefined ? '' : displayDate(issue.issueDate),
    'Tên loại và trích yếu': `${document.typeName}: ${document.subject}`,
    'Người ký': document.signer?.fullName ?? '',
    'Nơi nhận': [...document.recipients.map((r) => r.organName), ...document.places].join('; '),
    'Đơn vị nhận bản lưu': document.draftingUnitAbbreviation ?? '',
    // Số lượng bản is what the clerk entered (edXML PromulgationAmount), never counted from the recipients.
    'Số lượng bản': document.promulgationAmount === undefined ? '' : String(document.promulgationAmount),
    'Ngày chuyển': issue === undefined ? '' : displayDate(issue.issueDate),
    'Ký nhận': '',
    'Ghi chú': document.status === 'revoked' ? 'Đã thu hồi' : (document.note ?? ''),
  };
}

/** dd/mm/yyyy, as registers are written. */
function displayDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}
