import { outgoingRegisterColumns, type RegisterBook, type RegisterRow } from '#domain/documents/register';

/** A SAMPLE outgoing register book (an agency of blocks 90–99, generated entries), for the PDF tests and bench. */
export function sampleRegisterBook(rows: RegisterBook['rows'], overrides: Partial<RegisterBook> = {}): RegisterBook {
  return {
    agencyName: '[MẪU] Sở Nội vụ',
    agencyCode: '000.00.91.H26',
    title: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
    seriesName: 'Sổ Quyết định',
    year: 2026,
    fromNumber: '01',
    secret: false,
    columns: outgoingRegisterColumns,
    rows,
    printedAt: '03/12/2026 09:15',
    ...overrides,
  };
}

export type { RegisterRow };
