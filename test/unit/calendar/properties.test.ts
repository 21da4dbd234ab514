import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dateOfEpochDay, epochDay, weekdayOf } from '#domain/calendar/day';
import { WorkingCalendar } from '#domain/calendar/working-calendar';
import type { CalendarConfig } from '#domain/calendar/config';

/** Days 2024-01-01 .. 2028-12-31, where the random holidays are drawn. */
const FIRST = epochDay('2024-01-01');
const LAST = epochDay('2028-12-31');
const aDate = fc.integer({ min: FIRST, max: LAST }).map(dateOfEpochDay);

/** A random but valid configuration: any weekend leaving a working weekday, holidays, swapped weekend days. */
const aConfig: fc.Arbitrary<CalendarConfig> = fc
  .record({
    weekendDays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 6 }),
    holidays: fc.uniqueArray(aDate, { maxLength: 120 }),
    candidates: fc.uniqueArray(aDate, { maxLength: 40 }),
  })
  .map(({ weekendDays, holidays, candidates }) => ({
    weekendDays,
    holidays,
    workingDays: candidates.filter((d) => weekendDays.includes(weekdayOf(d)) && !holidays.includes(d)),
  }));

const aCount = fc.integer({ min: 0, max: 400 });

/** The obvious definition, one day at a time: the oracle for the counting shortcuts. */
function isWorkingSlowly(config: CalendarConfig, date: string): boolean {
  if (config.workingDays.includes(date)) return true;
  return !config.weekendDays.includes(weekdayOf(date)) && !config.holidays.includes(date);
}

function countSlowly(config: CalendarConfig, a: string, b: string): number {
  const [from, to] = a <= b ? [epochDay(a), epochDay(b)] : [epochDay(b), epochDay(a)];
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) if (isWorkingSlowly(config, dateOfEpochDay(day))) count += 1;
  return a <= b ? count : 0 - count;
}

describe('working-day arithmetic, for any configuration', () => {
  it('workingDaysBetween agrees with counting one day at a time, and isWorkingDay with the definition', () => {
    fc.assert(
      fc.property(aConfig, aDate, aDate, (config, a, b) => {
        // Prepare
        const calendar = new WorkingCalendar(config);
        // Act
        const count = calendar.workingDaysBetween(a, b);
        // Assess
        expect(count).toBe(countSlowly(config, a, b));
        expect(calendar.isWorkingDay(b)).toBe(isWorkingSlowly(config, b));
      }),
    );
  });

  it('addWorkingDays(d, n) is a working day, and n working days after a working d', () => {
    fc.assert(
      fc.property(aConfig, aDate, aCount, (config, d, n) => {
        // Prepare
        const calendar = new WorkingCalendar(config);
        // Act
        const due = calendar.addWorkingDays(d, n);
        // Assess
        expect(calendar.isWorkingDay(due)).toBe(true);
        const start = calendar.addWorkingDays(d, 0);
        expect(calendar.workingDaysBetween(start, due)).toBe(n);
        if (calendar.isWorkingDay(d)) expect(calendar.workingDaysBetween(d, due)).toBe(n);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(aConfig, aDate, aCount, aCount, (config, d, n, m) => {
        fc.pre(n !== m);
        // Prepare
        const calendar = new WorkingCalendar(config);
        // Act
        const [low, high] = [calendar.addWorkingDays(d, Math.min(n, m)), calendar.addWorkingDays(d, Math.max(n, m))];
        // Assess
        expect(low < high).toBe(true);
      }),
    );
  });

  it('nextWorkingDay is the first working day strictly after the date', () => {
    fc.assert(
      fc.property(aConfig, aDate, (config, d) => {
        // Prepare
        const calendar = new WorkingCalendar(config);
        // Act
        const next = calendar.nextWorkingDay(d);
        // Assess
        expect(next > d).toBe(true);
        expect(calendar.isWorkingDay(next)).toBe(true);
        expect(calendar.workingDaysBetween(d, next)).toBe(1);
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(aConfig, aDate, aDate, aDate, (config, a, b, c) => {
        // Prepare
        const calendar = new WorkingCalendar(config);
        const between = (x: string, y: string) => calendar.workingDaysBetween(x, y);
        // Act
        const [ab, ba, bc, ac] = [between(a, b), between(b, a), between(b, c), between(a, c)];
        // Assess
        expect(ab + ba).toBe(0);
        expect(ab + bc).toBe(ac);
      }),
    );
  });
});

describe('epoch days', () => {
  it('round-trip every date of 0000–9999 and agree with the JavaScript calendar on weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDay('0000-01-01'), max: epochDay('9999-12-31') }), (day) => {
        // Act
        const date = dateOfEpochDay(day);
        // Assess
        expect(epochDay(date)).toBe(day);
        expect(weekdayOf(date)).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
    );
  });
});
