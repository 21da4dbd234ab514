import type { IncomingDocument } from '#domain/documents/incoming';
import type { Assignee } from '#domain/documents/routing';

export const AGENCY = '000.00.91.H26';
export const leader = { sub: 'ld-01', name: 'Nguyễn Văn Lãnh Đạo' };
export const specialist: Assignee = { kind: 'person', sub: 'cv-01', name: 'Trần Thị Chuyên Viên' };

/** An instant at noon, Vietnam time, of a Vietnam date. */
export function noonInVietnam(date: string): Date {
  return new Date(`${date}T12:00:00+07:00`);
}

/** A registered incoming document of AGENCY (15/QĐ-BTC); assign it with `assigned`. */
export function incomingDocument(overrides: Partial<IncomingDocument> = {}): IncomingDocument {
  return {
    id: '01JDOC0000000000000000000A',
    direction: 'incoming',
    organId: AGENCY,
    status: 'registered',
    issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
    codeNumber: '15',
    codeNotation: 'QĐ-BTC',
    promulgationDate: '2026-11-20',
    typeName: 'Quyết định',
    subject: 'Về việc giao dự toán ngân sách nhà nước năm 2027',
    urgency: 'normal',
    secrecy: 'none',
    arrivalNumber: 12,
    arrivalYear: 2026,
    arrivalDate: '2026-11-21',
    channel: 'paper',
    registeredBy: { sub: 'vt-01', name: 'Văn thư' },
    createdAt: '2026-11-21T02:00:00.000Z',
    updatedAt: '2026-11-21T02:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** The document assigned by `leader` to `lead` with a deadline. */
export function assigned(dueDate: string, lead: Assignee = specialist, overrides: Partial<IncomingDocument> = {}): IncomingDocument {
  return incomingDocument({
    status: 'assigned',
    assignment: { lead, coordinators: [], forInformation: [], dueDate, assignedBy: leader, assignedAt: '2026-11-22T02:00:00.000Z' },
    assigneeKeys: [lead.kind === 'person' ? `person:${lead.sub}` : `unit:${lead.organId}`],
    version: 2,
    ...overrides,
  });
}
