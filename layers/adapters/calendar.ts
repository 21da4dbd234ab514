import { readFileSync } from 'node:fs';
import { WorkingCalendar } from '#domain/calendar/working-calendar';
import { vietnamSampleCalendar } from '#domain/calendar/vietnam';
import { optional } from './config.ts';

/**
 * The holiday calendar: `VANTHU_CALENDAR_JSON` (the calendar config as JSON: weekendDays, holidays,
 * workingDays) or `VANTHU_CALENDAR_FILE` (a path to it); otherwise the sample Vietnam calendar for
 * 2025–2027, which must be confirmed against each year's official decision.
 */
export function calendarFromEnvironment(): WorkingCalendar {
  const inline = optional('VANTHU_CALENDAR_JSON');
  const file = optional('VANTHU_CALENDAR_FILE');
  const text = inline ?? (file === undefined ? undefined : readFileSync(file, 'utf8'));
  return text === undefined ? vietnamSampleCalendar : new WorkingCalendar(JSON.parse(text) as ConstructorParameters<typeof WorkingCalendar>[0]);
}
