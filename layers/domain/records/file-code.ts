import * as z from 'zod';

/**
 * Mã hồ sơ (FileCode) of a work record, Nghị định 30/2020 Phụ lục VI: the agency's mã định danh, the year
 * the record was formed, and the record's số và ký hiệu in the agency's file plan (FileNotation), joined by
 * dots: `000.00.00.H26` + `2026` + `01.TH` → `000.00.00.H26.2026.01.TH`.
 *
 * @example
 * fileCode('000.00.00.H26', 2026, '01.TH') // '000.00.00.H26.2026.01.TH'
 */
export function fileCode(organId: string, year: number, fileNotation: string): string {
  return `${organId}.${year}.${fileNotation}`;
}

/** Longest FileNotation; with the 13-character OrganId and the year a FileCode stays within 49 characters. */
export const FILE_NOTATION_MAX = 30;

/**
 * Số và ký hiệu hồ sơ from the file plan (danh mục hồ sơ): letters, digits and Đ/đ in dot-separated blocks,
 * e.g. `01.TH` or `05.VX.ĐT`. No spaces (a code is copied by hand onto folders), no empty block.
 */
export const fileNotationSchema = z
  .string()
  .trim()
  .min(1, 'the file notation (số và ký hiệu hồ sơ) is required')
  .max(FILE_NOTATION_MAX, `at most ${FILE_NOTATION_MAX} characters`)
  .regex(/^[0-9A-Za-zĐđ]+(\.[0-9A-Za-zĐđ]+)*$/, 'letters, digits and Đ in blocks separated by single dots, e.g. 01.TH');

/**
 * The form of a FileCode that uniqueness is checked on: case does not make another record, so `01.th`
 * and `01.TH` of the same agency and year are the same code.
 *
 * @example
 * fileCodeKey('000.00.00.H26.2026.01.đt') // '000.00.00.H26.2026.01.ĐT'
 */
export function fileCodeKey(code: string): string {
  return code.normalize('NFC').toUpperCase();
}
