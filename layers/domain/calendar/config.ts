/**
 * The working-calendar configuration as it arrives from config files or an admin edge. Strict on purpose:
 * a typo in a holiday list silently moves every deadline, so anything doubtful is refused with its path.
 */
import * as z from 'zod';
import { readCalendarDate, weekdayOfEpochDay } from './day.ts';

/**
 * A real calendar day as `YYYY-MM-DD`; the issue message gives the reason (e.g. `day 30 does not exist in 2026-02`).
 * @example calendarDateSchema.parse('2026-09-02') // '2026-09-02'
 */
export const calendarDateSchema = z.string().superRefine((value, context) => {
  const reading = readCalendarDate(value);
  if (!reading.ok) context.addIssue({ code: 'custom', message: reading.reason });
});

/**
 * Which days are worked. `weekendDays` are days of the week off (0 = Sunday … 6 = Saturday); `holidays` are
 * days off (ngày nghỉ lễ, tết, nghỉ bù, and weekdays swapped away); `workingDays` are weekend days worked
 * instead (ngày làm bù), each on a weekend day and never also a holiday.
 * @example calendarConfigSchema.parse({ holidays: ['2026-01-01', '2026-01-02'], workingDays: ['2026-01-10'] })
 */
export const calendarConfigSchema = z
  .strictObject({
    weekendDays: z
      .array(z.number().int().min(0).max(6))
      .default([0, 6])
      .refine((days) => new Set(days).size < 7, 'at least one day of the week must be a working day'),
    holidays: z.array(calendarDateSchema).default([]),
    workingDays: z.array(calendarDateSchema).default([]),
  })
  .superRefine((config, context) => {
    const holidays = new Set(config.holidays);
    config.workingDays.forEach((date, index) => {
      const issue = swappedDayIssue(date, config.weekendDays, holidays);
      if (issue !== undefined) context.addIssue({ code: 'custom', path: ['workingDays', index], message: issue });
    });
  });

export type CalendarConfig = z.output<typeof calendarConfigSchema>;
export type CalendarConfigInput = z.input<typeof calendarConfigSchema>;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Why a listed working day is suspect, or undefined. Zod may run this even when an entry failed to parse. */
function swappedDayIssue(date: string, weekendDays: readonly number[], holidays: ReadonlySet<string>): string | undefined {
  const reading = readCalendarDate(date);
  if (!reading.ok) return undefined;
  if (holidays.has(date)) return `${date} is also listed as a holiday`;
  const weekday = weekdayOfEpochDay(reading.day);
  if (weekendDays.includes(weekday)) return undefined;
  return `${date} is a ${WEEKDAY_NAMES[weekday] ?? 'weekday'}, already a working day: a swapped working day must fall on a weekend day`;
}
