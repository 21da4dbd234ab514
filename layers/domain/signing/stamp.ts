/**
 * The number and date an issue writes on the signed electronic original (Nghị định 30/2020, Art. 15 and
 * Phụ lục I): ô 3 "Số: 15/QĐ-UBND" under the agency's name, ô 4 "Hà Nội, ngày 03 tháng 12 năm 2026" under the
 * national motto. A leader's signature prepared by vanthu creates both as empty text fields, covered by the
 * signature; the issue fills them (a form fill the signature permits).
 */

/** The form field names of the stamp, in every PDF vanthu prepares. */
export const STAMP_FIELDS = { number: 'vanthu.so', date: 'vanthu.ngay' } as const;

/** Where the city writes its documents when an agency configured no địa danh. */
export const DEFAULT_PLACE_NAME = 'Hà Nội';

/** A rectangle in PDF points (origin at the page's lower left): [x1, y1, x2, y2]. */
export type StampRect = readonly [number, number, number, number];

export interface StampPlacement {
  /** 1-based page (the first page of the form). */
  readonly page: number;
  readonly number: StampRect;
  readonly date: StampRect;
}

/**
 * Phụ lục I on A4 portrait (595 × 842 pt): top margin 20–25 mm, left 30–35 mm, right 15–20 mm; ô 3 centred
 * under the agency's name in the left column (about 85–285 pt), ô 4 centred under the motto in the right
 * column (about 285–552 pt), one line below the header block. A draft whose header sits elsewhere gives
 * its own placement when the leader's signature is prepared.
 */
export const DEFAULT_STAMP_PLACEMENT: StampPlacement = { page: 1, number: [85, 712, 285, 732], date: [285, 712, 552, 732] };

/**
 * `Số: 15/QĐ-UBND`: the number as issued (at least two digits) and the notation.
 *
 * @example
 * numberLine('15', 'QĐ-UBND') // 'Số: 15/QĐ-UBND'
 */
export function numberLine(codeNumber: string, codeNotation: string): string {
  return `Số: ${codeNumber}/${codeNotation}`;
}

/**
 * `Hà Nội, ngày 03 tháng 12 năm 2026`: days below 10 and the months 1 and 2 get a leading zero (Phụ lục I,
 * ô 4); `date` is the Vietnam calendar date `YYYY-MM-DD`.
 *
 * @example
 * placeDateLine('Hà Nội', '2026-03-05') // 'Hà Nội, ngày 05 tháng 3 năm 2026'
 * placeDateLine('Hà Nội', '2026-02-15') // 'Hà Nội, ngày 15 tháng 02 năm 2026'
 */
export function placeDateLine(placeName: string, date: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  const m = Number(month);
  const monthText = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${placeName}, ngày ${day.padStart(2, '0')} tháng ${monthText} năm ${year}`;
}
