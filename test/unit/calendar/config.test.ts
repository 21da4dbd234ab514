import { describe, it, expect } from 'vitest';
import { CalendarError } from '#domain/calendar/day';
import { calendarConfigSchema, calendarDateSchema } from '#domain/calendar/config';
import { WorkingCalendar } from '#domain/calendar/working-calendar';

describe('calendarConfigSchema', () => {
  it('defaults to a Saturday–Sunday weekend with no holidays', () => {
    // Act
    const config = calendarConfigSchema.parse({});
    // Assess
    expect(config).toEqual({ weekendDays: [0, 6], holidays: [], workingDays: [] });
  });

  it.each([
    [{ weekendDays: [0, 1, 2, 3, 4, 5, 6] }, 'weekendDays', /at least one day of the week/],
    [{ weekendDays: [7] }, 'weekendDays.0', /./],
    [{ holidays: ['2026-01-01', '2026-02-30'] }, 'holidays.1', /day 30 does not exist in 2026-02/],
    [{ workingDays: ['2026-01-09'] }, 'workingDays.0', /2026-01-09 is a Friday, already a working day/],
    [{ holidays: ['2026-01-10'], workingDays: ['2026-01-10'] }, 'workingDays.0', /2026-01-10 is also listed as a holiday/],
    [{ holiday: ['2026-01-01'] }, '', /holiday/],
  ])('refuses %j at %j', (input, path, message) => {
    // Act
    const result = calendarConfigSchema.safeParse(input);
    // Assess
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path.join('.')).toBe(path);
    expect(issue?.message).toMatch(message);
  });

  it('accepts a holiday that falls on a weekend (it changes nothing)', () => {
    // Prepare
    const calendar = new WorkingCalendar({ holidays: ['2026-04-26'] });
    // Act
    const count = calendar.workingDaysBetween('2026-04-24', '2026-04-27');
    // Assess
    expect(count).toBe(1);
  });
});

describe('calendarDateSchema', () => {
  it('passes a real date and gives the reason for an impossible one', () => {
    // Act
    const good = calendarDateSchema.safeParse('2028-02-29');
    const bad = calendarDateSchema.safeParse('2027-02-29');
    // Assess
    expect(good).toEqual({ success: true, data: '2028-02-29' });
    expect(bad.error?.issues[0]?.message).toBe('day 29 does not exist in 2027-02');
  });
});

describe('new WorkingCalendar', () => {
  it('throws a CalendarError naming the offending entry', () => {
    // Act
    const act = () => new WorkingCalendar({ holidays: ['2026-1-1'] });
    // Assess
    expect(act).toThrow(CalendarError);
    expect(act).toThrow(/holidays\.0: expected YYYY-MM-DD/);
  });

  it('keeps the parsed configuration, defaults included', () => {
    // Act
    const calendar = new WorkingCalendar({ holidays: ['2026-09-02'] });
    // Assess
    expect(calendar.config).toEqual({ weekendDays: [0, 6], holidays: ['2026-09-02'], workingDays: [] });
  });
});
