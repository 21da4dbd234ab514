import { textOf, type PdfValue } from './objects.ts';

/**
 * Parses a PDF date string `D:YYYYMMDDHHmmSSOHH'mm'` (ISO 32000-1 §7.9.4). Missing parts default as
 * the standard says; an unreadable date is undefined rather than a guess.
 *
 * @example
 * pdfDate(dict.entries.get('M')) // 2019-07-04T11:57:43.000Z for (D:20190704135743+02'00')
 */
export function pdfDate(value: PdfValue | undefined): Date | undefined {
  const text = textOf(value)?.trim();
  if (text === undefined) return undefined;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz+-])\s*(\d{2})?'?\s*(\d{2})?'?)?/.exec(text);
  if (match === null) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', sign, offsetHours = '00', offsetMinutes = '00'] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(utc) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const shifted = sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc;
  return new Date(shifted);
}

/** Formats a date as a PDF date string in UTC. */
export function toPdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
