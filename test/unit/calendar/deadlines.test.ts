import { describe, it, expect } from 'vitest';
import { CalendarError } from '#domain/calendar/day';
import { fixtureCalendar, weekdaysOnly } from './fixture.ts';

describe('dueDateFrom', () => {
  it.each([
    ['2026-12-31T16:59:59Z', 0, '2026-12-31', 'still Thursday 31/12 at 23:59 in Vietnam'],
    ['2026-12-31T16:59:59Z', 1, '2027-01-04', 'next working day skips 1/1 and the weekend'],
    ['2026-12-31T17:30:00Z', 0, '2027-01-04', 'already 1/1 in Vietnam (a holiday): the clock starts Monday'],
    ['2026-12-31T17:30:00Z', 1, '2027-01-05', 'one working day after that Monday'],
    ['2026-02-13T13:00:00Z', 1, '2026-02-23', 'Friday evening before Tết'],
  ])('%s + %i working days -> %s (%s)', (instant, n, expected) => {
    // Act
    const due = fixtureCalendar.dueDateFrom(new Date(instant), n);
    // Assess
    expect(due).toBe(expected);
  });

  it('refuses an invalid Date', () => {
    // Act
    const act = () => fixtureCalendar.dueDateFrom(new Date('not a date'), 1);
    // Assess
    expect(act).toThrow(CalendarError);
    expect(act).toThrow(/instant/);
  });
});

describe('overdueStatus', () => {
  it.each([
    ['2026-01-07', '2026-01-07T02:00:00Z', { overdue: false, daysLate: 0, dueSoon: true }, 'due today'],
    ['2026-01-09', '2026-01-07T02:00:00Z', { overdue: false, daysLate: 0, dueSoon: true }, 'due in 2 working days'],
    ['2026-01-12', '2026-01-07T02:00:00Z', { overdue: false, daysLate: 0, dueSoon: false }, 'due in 3 working days'],
    ['2026-01-12', '2026-01-08T02:00:00Z', { overdue: false, daysLate: 0, dueSoon: true }, 'the weekend does not count'],
    ['2026-01-08', '2026-01-09T02:00:00Z', { overdue: true, daysLate: 1, dueSoon: false }, 'one working day late'],
    ['2026-01-09', '2026-01-10T02:00:00Z', { overdue: true, daysLate: 0, dueSoon: false }, 'the Saturday after a Friday deadline'],
    ['2026-01-09', '2026-01-12T02:00:00Z', { overdue: true, daysLate: 1, dueSoon: false }, 'the Monday after a Friday deadline'],
    ['2026-01-11', '2026-01-12T02:00:00Z', { overdue: false, daysLate: 0, dueSoon: true }, 'a Sunday due date moves to Monday'],
  ])('due %s, now %s -> %j (%s)', (dueDate, now, expected) => {
    // Act
    const status = weekdaysOnly.overdueStatus(dueDate, new Date(now));
    // Assess
    expect(status).toEqual(expected);
  });

  it('turns overdue at midnight Vietnam time, not at midnight UTC', () => {
    // Act
    const lastMinute = weekdaysOnly.overdueStatus('2026-01-05', new Date('2026-01-05T16:59:00Z'));
    const nextMorning = weekdaysOnly.overdueStatus('2026-01-05', new Date('2026-01-05T17:00:00Z'));
    // Assess
    expect(lastMinute.overdue).toBe(false);
    expect(nextMorning).toEqual({ overdue: true, daysLate: 1, dueSoon: false });
  });

  it('counts lateness and nearness in working days across Tết', () => {
    // Act
    const duringTet = fixtureCalendar.overdueStatus('2026-02-13', new Date('2026-02-19T03:00:00Z'));
    const firstDayBack = fixtureCalendar.overdueStatus('2026-02-13', new Date('2026-02-23T03:00:00Z'));
    const beforeTet = fixtureCalendar.overdueStatus('2026-02-24', new Date('2026-02-13T03:00:00Z'));
    // Assess
    expect(duringTet).toEqual({ overdue: true, daysLate: 0, dueSoon: false });
    expect(firstDayBack).toEqual({ overdue: true, daysLate: 1, dueSoon: false });
    expect(beforeTet).toEqual({ overdue: false, daysLate: 0, dueSoon: true });
  });

  it('refuses a malformed due date and an invalid now', () => {
    // Act
    const badDue = () => weekdaysOnly.overdueStatus('2026-1-5', new Date());
    const badNow = () => weekdaysOnly.overdueStatus('2026-01-05', new Date(Number.NaN));
    // Assess
    expect(badDue).toThrow(CalendarError);
    expect(badNow).toThrow(CalendarError);
  });
});
