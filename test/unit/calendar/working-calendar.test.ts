import { describe, it, expect } from 'vitest';
import { CalendarError } from '#domain/calendar/day';
import { WorkingCalendar } from '#domain/calendar/working-calendar';
import { fixtureCalendar, weekdaysOnly } from './fixture.ts';

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-05', true],
    ['2026-01-06', true],
    ['2026-01-07', true],
    ['2026-01-08', true],
    ['2026-01-09', true],
    ['2026-01-10', false],
    ['2026-01-11', false],
  ])('on a plain week, %s is working: %s', (date, expected) => {
    // Act
    const working = weekdaysOnly.isWorkingDay(date);
    // Assess
    expect(working).toBe(expected);
  });

  it('a weekday holiday is off, a swapped Saturday is on, an ordinary Saturday stays off', () => {
    // Act
    const tetMonday = fixtureCalendar.isWorkingDay('2026-02-16');
    const swappedSaturday = fixtureCalendar.isWorkingDay('2025-04-26');
    const ordinarySaturday = fixtureCalendar.isWorkingDay('2025-05-03');
    // Assess
    expect([tetMonday, swappedSaturday, ordinarySaturday]).toEqual([false, true, false]);
  });

  it('honours a configured weekend (Friday and Saturday off)', () => {
    // Prepare
    const calendar = new WorkingCalendar({ weekendDays: [5, 6] });
    // Act
    const days = ['2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11'].map((d) => calendar.isWorkingDay(d));
    // Assess
    expect(days).toEqual([true, false, false, true]);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['2026-01-09', '2026-01-12', 'Friday -> Monday'],
    ['2026-01-05', '2026-01-06', 'strictly after, even from a working day'],
    ['2026-02-13', '2026-02-23', 'the Friday before Tết -> the Monday after'],
    ['2025-04-25', '2025-04-26', 'Friday -> the swapped working Saturday'],
    ['2025-04-29', '2025-05-05', 'across 30/4 – 1/5 and the swapped Friday'],
    ['2026-12-31', '2027-01-04', 'across the year boundary and New Year'],
  ])('%s -> %s (%s)', (date, expected) => {
    // Act
    const next = fixtureCalendar.nextWorkingDay(date);
    // Assess
    expect(next).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-01-07', 0, '2026-01-07', 'n = 0 on a working day is the day itself'],
    ['2026-01-10', 0, '2026-01-12', 'n = 0 on a Saturday is the Monday'],
    ['2026-02-18', 0, '2026-02-23', 'n = 0 inside Tết is the first day back'],
    ['2026-01-09', 1, '2026-01-12', 'Friday + 1 is Monday'],
    ['2026-01-10', 1, '2026-01-13', 'Saturday + 1 is Tuesday: the clock starts on Monday'],
    ['2026-02-12', 2, '2026-02-23', 'Tết week is skipped'],
    ['2025-04-24', 3, '2025-04-28', 'the swapped Saturday counts'],
    ['2025-04-29', 1, '2025-05-05', '30/4, 1/5, the swapped Friday and the weekend are skipped'],
    ['2026-12-30', 2, '2027-01-04', 'the year boundary with 1/1 off'],
  ])('%s + %i -> %s (%s)', (date, n, expected) => {
    // Act
    const due = fixtureCalendar.addWorkingDays(date, n);
    // Assess
    expect(due).toBe(expected);
  });

  it('250 working days on a plain week are exactly 50 weeks', () => {
    // Act
    const due = weekdaysOnly.addWorkingDays('2026-01-05', 250);
    // Assess
    expect(due).toBe('2026-12-21');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the count %s', (n) => {
    // Act
    const act = () => weekdaysOnly.addWorkingDays('2026-01-05', n);
    // Assess
    expect(act).toThrow(CalendarError);
    expect(act).toThrow(/working-day count .*non-negative integer/);
  });

  it('refuses a result past 9999-12-31 instead of printing a five-digit year', () => {
    // Act
    const act = () => weekdaysOnly.addWorkingDays('9999-12-29', 5);
    // Assess
    expect(act).toThrow(/after 9999-12-31/);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-01-07', '2026-01-07', 0, 'the same day'],
    ['2026-01-09', '2026-01-12', 1, 'Friday to Monday'],
    ['2026-01-05', '2026-01-09', 4, 'Monday to Friday'],
    ['2026-01-10', '2026-01-12', 1, 'Saturday to Monday'],
    ['2026-01-12', '2026-01-09', -1, 'backwards is negative'],
    ['2026-02-13', '2026-02-23', 1, 'across Tết'],
    ['2025-04-25', '2025-05-05', 4, 'across 30/4 – 1/5 with the swapped Saturday'],
    ['2026-12-31', '2027-01-04', 1, 'across the year boundary'],
  ])('%s .. %s = %i (%s)', (a, b, expected) => {
    // Act
    const count = fixtureCalendar.workingDaysBetween(a, b);
    // Assess
    expect(count).toBe(expected);
  });
});

describe('malformed dates', () => {
  it.each([
    ['2026-2-3', /YYYY-MM-DD/],
    ['', /YYYY-MM-DD/],
    [' 2026-01-05', /YYYY-MM-DD/],
    ['2026-01-05T00:00:00Z', /YYYY-MM-DD/],
    ['2026-13-01', /month 13/],
    ['2026-00-10', /month 00/],
    ['2026-02-30', /day 30 does not exist in 2026-02/],
    ['2025-02-29', /day 29 does not exist in 2025-02/],
    ['2100-02-29', /day 29 does not exist in 2100-02/],
    ['2026-04-00', /day 00/],
  ])('refuses %j with a reason', (date, reason) => {
    // Act
    const act = () => weekdaysOnly.isWorkingDay(date);
    // Assess
    expect(act).toThrow(CalendarError);
    expect(act).toThrow(reason);
  });

  it('accepts 29 February in leap years, including 2000', () => {
    // Act
    const days = ['2024-02-29', '2000-02-29'].map((d) => weekdaysOnly.isWorkingDay(d));
    // Assess
    expect(days).toEqual([true, true]);
  });

  it('names the error and keeps the input and the reason apart', () => {
    // Act
    const error = thrownBy(() => weekdaysOnly.workingDaysBetween('2026-01-05', '2026-02-30'));
    // Assess
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ name: 'CalendarError', input: '2026-02-30', reason: 'day 30 does not exist in 2026-02' });
  });
});

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
