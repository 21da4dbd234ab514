/**
 * Calendar days as `YYYY-MM-DD` strings, converted to and from whole days since 1970-01-01 with integer
 * arithmetic only: no `Date`, no time zone, so no local-time or DST surprises. The proleptic Gregorian
 * calendar, years 0000–9999 (the range a four-digit string can hold).
 */

/** Thrown on malformed input to the calendar; `reason` says what is wrong with `input`. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  /** What was being read, e.g. `calendar date`, `working-day count`. */
  readonly subject: string;
  readonly input: unknown;
  readonly reason: string;

  constructor(subject: string, input: unknown, reason: string) {
    super(`invalid ${subject}${shown(input)}: ${reason}`);
    this.subject = subject;
    this.input = input;
    this.reason = reason;
  }
}

export type DateReading = { readonly ok: true; readonly day: number } | { readonly ok: false; readonly reason: string };

/**
 * Reads a `YYYY-MM-DD` date without throwing, giving the precise reason when it is not a real day.
 * @example readCalendarDate('2026-02-30') // { ok: false, reason: 'day 30 does not exist in 2026-02' }
 */
export function readCalendarDate(input: unknown): DateReading {
  if (typeof input !== 'string') return { ok: false, reason: 'expected a string YYYY-MM-DD' };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (match === null) return { ok: false, reason: 'expected YYYY-MM-DD' };
  const [, yearText = '', monthText = '', dayText = ''] = match;
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
  if (month < 1 || month > 12) return { ok: false, reason: `month ${monthText} is not 01–12` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${dayText} does not exist in ${yearText}-${monthText}` };
  }
  return { ok: true, day: daysFromCivil(year, month, day) };
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date; throws `CalendarError` when malformed.
 * @example epochDay('1970-01-02') // 1
 */
export function epochDay(date: string): number {
  const reading = readCalendarDate(date);
  if (!reading.ok) throw new CalendarError('calendar date', date, reading.reason);
  return reading.day;
}

/** The first and last epoch days a `YYYY-MM-DD` string can name. */
export const FIRST_EPOCH_DAY = daysFromCivil(0, 1, 1);
export const LAST_EPOCH_DAY = daysFromCivil(9999, 12, 31);

/**
 * The `YYYY-MM-DD` date of an epoch day; throws `CalendarError` outside 0000-01-01 .. 9999-12-31.
 * @example dateOfEpochDay(20454) // '2026-01-01'
 */
export function dateOfEpochDay(day: number): string {
  if (!Number.isSafeInteger(day)) throw new CalendarError('epoch day', day, 'expected an integer');
  if (day > LAST_EPOCH_DAY) throw new CalendarError('epoch day', day, 'the date would fall after 9999-12-31');
  if (day < FIRST_EPOCH_DAY) throw new CalendarError('epoch day', day, 'the date would fall before 0000-01-01');
  const { year, month, dayOfMonth } = civilFromDays(day);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
}

/**
 * Day of the week of a date, 0 = Sunday … 6 = Saturday (as `Date#getUTCDay`).
 * @example weekdayOf('2026-01-01') // 4 (Thursday)
 */
export function weekdayOf(date: string): number {
  return weekdayOfEpochDay(epochDay(date));
}

/** Day of the week of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Strings and numbers are short enough to quote in a message; objects are kept on `input` only. */
function shown(input: unknown): string {
  if (typeof input === 'string') return ` ${JSON.stringify(input)}`;
  return typeof input === 'number' ? ` ${input}` : '';
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/*
 * Howard Hinnant's civil-calendar algorithms (https://howardhinnant.github.io/date_algorithms.html):
 * years start on 1 March so the leap day is the last day of the year, and eras are 400-year cycles.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; dayOfMonth: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
