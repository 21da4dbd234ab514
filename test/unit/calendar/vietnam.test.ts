import { describe, it, expect } from 'vitest';
import { weekdayOf } from '#domain/calendar/day';
import { vietnamSampleCalendar, vietnamSampleCalendarConfig, VIETNAM_SAMPLE_YEARS } from '#domain/calendar/vietnam';

const yearOf = (date: string) => Number(date.slice(0, 4));

describe('the sample Vietnam calendar 2025–2027 [unverified]', () => {
  it('lists only dates inside the years it claims to cover', () => {
    // Act
    const years = new Set([...vietnamSampleCalendarConfig.holidays, ...vietnamSampleCalendarConfig.workingDays].map(yearOf));
    // Assess
    expect([...years].sort()).toEqual([...VIETNAM_SAMPLE_YEARS]);
  });

  it('lists weekday days off and Saturday working days only', () => {
    // Act
    const offWeekdays = new Set(vietnamSampleCalendarConfig.holidays.map(weekdayOf));
    const onWeekdays = new Set(vietnamSampleCalendarConfig.workingDays.map(weekdayOf));
    // Assess
    expect([...offWeekdays].every((d) => d >= 1 && d <= 5)).toBe(true);
    expect([...onWeekdays]).toEqual([6]);
  });

  it.each(VIETNAM_SAMPLE_YEARS)('gives %i the 11 paid holidays of the 2019 Labour Code, net of swaps', (year) => {
    // Act
    const off = vietnamSampleCalendarConfig.holidays.filter((d) => yearOf(d) === year).length;
    const swappedBack = vietnamSampleCalendarConfig.workingDays.filter((d) => yearOf(d) === year).length;
    // Assess
    expect(off - swappedBack).toBe(11);
  });

  it.each([
    ['2025-01-24', 1, '2025-02-03', 'Tết Ất Tỵ: 27–31/1/2025 off'],
    ['2025-04-25', 2, '2025-04-28', 'Saturday 26/4/2025 worked in exchange for Friday 2/5'],
    ['2025-04-29', 1, '2025-05-05', '30/4 – 4/5/2025 off'],
    ['2025-08-29', 1, '2025-09-03', 'National Day 2025: 1–2/9 off'],
    ['2026-01-09', 1, '2026-01-10', 'Saturday 10/1/2026 worked in exchange for Friday 2/1'],
    ['2026-02-13', 1, '2026-02-23', 'Tết Bính Ngọ: 16–20/2/2026 off'],
    ['2026-04-24', 1, '2026-04-28', 'Hùng Kings on Sunday 26/4/2026, compensated on Monday 27/4'],
    ['2026-08-21', 1, '2026-08-22', 'Saturday 22/8/2026 worked in exchange for Monday 31/8'],
  ])('%s + %i -> %s (%s)', (date, n, expected) => {
    // Act
    const due = vietnamSampleCalendar.addWorkingDays(date, n);
    // Assess
    expect(due).toBe(expected);
  });

  it('has 250 working days in 2026, so 250 working days from 31/12/2025 end on 31/12/2026', () => {
    // Act
    const count = vietnamSampleCalendar.workingDaysBetween('2025-12-31', '2026-12-31');
    const due = vietnamSampleCalendar.addWorkingDays('2025-12-31', 250);
    // Assess
    expect(count).toBe(250);
    expect(due).toBe('2026-12-31');
  });

  it('starts the clock after New Year 2027 for a document received on the evening of 31/12/2026 UTC', () => {
    // Act
    const due = vietnamSampleCalendar.dueDateFrom(new Date('2026-12-31T17:30:00Z'), 1);
    // Assess
    expect(due).toBe('2027-01-05');
  });
});
