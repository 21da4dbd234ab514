import { WorkingCalendar } from '#domain/calendar/working-calendar';

/**
 * A hand-written calendar for the behaviour tests, independent of the sample data in vietnam.ts:
 * 30/4–1/5 2025 with Friday 2/5 swapped for Saturday 26/4, Tết Bính Ngọ 2026 (Mon 16/2 – Fri 20/2),
 * and New Year 2027 (Friday 1/1).
 */
export const fixtureCalendar = new WorkingCalendar({
  holidays: ['2025-04-30', '2025-05-01', '2025-05-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2027-01-01'],
  workingDays: ['2025-04-26'],
});

/** Weekends only: the plain Monday–Friday week. */
export const weekdaysOnly = new WorkingCalendar();
