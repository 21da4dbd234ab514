import type { Document } from './document.ts';
import type { IncomingDocument } from './incoming.ts';
import type { OutgoingDocument } from './outgoing.ts';

/**
 * The registers (sổ đăng ký) of Nghị định 30/2020 with their columns, as rows a clerk prints or opens in a
 * spreadsheet. Columns a paper register fills by hand (Ký nhận) stay empty.
 */
export const incomingRegisterColumns = ['Ngày đến', 'Số đến', 'Tác giả', 'Số ký hiệu', 'Ngày văn bản', 'Tên loại và trích yếu', 'Đơn vị/người nhận', 'Ngày chuyển', 'Ký nhận', 'Ghi chú'] as const;
export const outgoingRegisterColumns = ['Số ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu', 'Người ký', 'Nơi nhận', 'Đơn vị nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú'] as const;

export type RegisterRow = Readonly<Record<string, string>>;

export function incomingRegisterRow(document: IncomingDocument): RegisterRow {
  const lead = document.assignment?.lead;
  return {
    'Ngày đến': displayDate(document.arrivalDate),
    'Số đến': document.arrivalNumber === undefined ? '' : String(document.arrivalNumber),
    'Tác giả': document.issuer.organName,
    'Số ký hiệu': `${document.codeNumber}/${document.codeNotation}`,
    'Ngày văn bản': displayDate(document.promulgationDate),
    'Tên loại và trích yếu': `${document.typeName}: ${document.subject}`,
    'Đơn vị/người nhận': lead === undefined ? '' : lead.name,
    'Ngày chuyển': document.assignment === undefined ? '' : displayDate(document.assignment.assignedAt.slice(0, 10)),
    'Ký nhận': '',
    'Ghi chú': [document.status === 'returned' ? `Trả lại: ${document.returned?.reason ?? ''}` : '', document.note ?? ''].filter((x) => x !== '').join('; '),
  };
}

export function outgoingRegisterRow(document: OutgoingDocument): RegisterRow {
  const issue = document.issue;
  return {
    'Số ký hiệu': issue === undefined ? '' : `${issue.codeNumber}/${issue.codeNotation}`,
    'Ngày tháng': issue === undefined ? '' : displayDate(issue.issueDate),
    'Tên loại và trích yếu': `${document.typeName}: ${document.subject}`,
    'Người ký': document.signer?.fullName ?? '',
    'Nơi nhận': [...document.recipients.map((r) => r.organName), ...document.places].join('; '),
    'Đơn vị nhận bản lưu': document.draftingUnitAbbreviation ?? '',
    'Số lượng bản': String(document.recipients.length + document.places.length),
    'Ngày chuyển': issue === undefined ? '' : displayDate(issue.issueDate),
    'Ký nhận': '',
    'Ghi chú': document.status === 'revoked' ? 'Đã thu hồi' : (document.note ?? ''),
  };
}

export function registerRow(document: Document): RegisterRow {
  return document.direction === 'incoming' ? incomingRegisterRow(document) : outgoingRegisterRow(document);
}

/** dd/mm/yyyy, as registers are written. */
function displayDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}
