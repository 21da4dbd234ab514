/**
 * Vietnam time (UTC+7, no daylight saving). Numbering years, arrival dates and register days are
 * Vietnam calendar days, whatever the server's time zone: 2026-12-31T17:00:00Z is already 1 January 2027.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam as `YYYY-MM-DD`. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar year in Vietnam. */
export function vietnamYear(instant: Date): number {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** An ISO timestamp with the +07:00 offset, as clerks read it. */
export function vietnamTimestamp(instant: Date): string {
  return `${new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The instant a Vietnam calendar day starts (`YYYY-MM-DD`). */
export function startOfVietnamDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+07:00`));
}
