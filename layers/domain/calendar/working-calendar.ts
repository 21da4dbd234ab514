/**
 * Working days (ngày làm việc) for processing deadlines (hạn xử lý): Monday–Friday by default, minus public
 * holidays and their compensatory or swapped days off, plus the weekend days worked in exchange. Dates are
 * Vietnam calendar days as `YYYY-MM-DD`; instants are turned into Vietnam dates (UTC+7) first.
 */
import { vietnamDate } from '../time.ts';
import { calendarConfigSchema, type CalendarConfig, type CalendarConfigInput } from './config.ts';
import { CalendarError, dateOfEpochDay, epochDay, LAST_EPOCH_DAY, weekdayOfEpochDay } from './day.ts';

/** A deadline this many working days away or fewer (today included) is due soon. */
export const DUE_SOON_WORKING_DAYS = 2;

export interface OverdueStatus {
  /** Vietnam today is after the due date (moved to the next working day when it is not one). */
  readonly overdue: boolean;
  /** Working days after the due date up to today; 0 when not overdue, and 0 on the weekend after a Friday deadline. */
  readonly daysLate: number;
  /** Not overdue and at most `DUE_SOON_WORKING_DAYS` working days left. */
  readonly dueSoon: boolean;
}

/**
 * A working calendar built from a validated configuration. Counting is arithmetic over whole weeks plus
 * binary searches in the sorted exception lists, so spans of years cost the same as spans of days.
 *
 * A start on a non-working day counts from the next working day, as a document received on Saturday is
 * handled as received on Monday: `addWorkingDays(saturday, 1)` is the Tuesday.
 * @example
 * const calendar = new WorkingCalendar({ holidays: ['2026-09-01', '2026-09-02'] });
 * calendar.addWorkingDays('2026-08-31', 1); // '2026-09-03'
 */
export class WorkingCalendar {
  readonly config: CalendarConfig;
  readonly #weekend: ReadonlySet<number>;
  readonly #workingDaysPerWeek: number;
  /** Epoch days off that would otherwise be worked, sorted. */
  readonly #daysOff: readonly number[];
  /** Epoch weekend days worked instead, sorted. */
  readonly #daysOn: readonly number[];
  readonly #daysOffSet: ReadonlySet<number>;
  readonly #daysOnSet: ReadonlySet<number>;

  /** Throws `CalendarError` listing every refused entry by path. */
  constructor(config: CalendarConfigInput = {}) {
    const parsed = calendarConfigSchema.safeParse(config);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      throw new CalendarError('calendar config', config, reason);
    }
    this.config = parsed.data;
    this.#weekend = new Set(parsed.data.weekendDays);
    this.#workingDaysPerWeek = 7 - this.#weekend.size;
    this.#daysOff = sortedUnique(parsed.data.holidays.map(epochDay).filter((day) => !this.#weekend.has(weekdayOfEpochDay(day))));
    this.#daysOn = sortedUnique(parsed.data.workingDays.map(epochDay));
    this.#daysOffSet = new Set(this.#daysOff);
    this.#daysOnSet = new Set(this.#daysOn);
  }

  /**
   * Whether the date is worked.
   * @example new WorkingCalendar().isWorkingDay('2026-01-10') // false (Saturday)
   */
  isWorkingDay(date: string): boolean {
    return this.#isWorking(epochDay(date));
  }

  /**
   * The first working day strictly after the date.
   * @example new WorkingCalendar().nextWorkingDay('2026-01-09') // '2026-01-12' (Friday -> Monday)
   */
  nextWorkingDay(date: string): string {
    return dateOfEpochDay(this.#nthWorkingDayAfter(epochDay(date), 1));
  }

  /**
   * The n-th working day after the date, counting from the next working day when the date is not one;
   * n = 0 gives the date itself if worked, else the next working day.
   * @example new WorkingCalendar().addWorkingDays('2026-01-10', 0) // '2026-01-12'
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw new CalendarError('working-day count', n, 'expected a non-negative integer');
    const start = this.#clockStart(epochDay(date));
    return dateOfEpochDay(n === 0 ? start : this.#nthWorkingDayAfter(start, n));
  }

  /**
   * Working days after `a` up to and including `b`; negative (the same count) when `b` is before `a`.
   * @example new WorkingCalendar().workingDaysBetween('2026-01-09', '2026-01-12') // 1
   */
  workingDaysBetween(a: string, b: string): number {
    const [from, to] = [epochDay(a), epochDay(b)];
    // `0 - n` rather than `-n`, so an empty backward span is 0 and not -0.
    return from <= to ? this.#count(from, to) : 0 - this.#count(to, from);
  }

  /**
   * The due date `workingDays` after the Vietnam calendar day of the instant (received, registered…).
   * @example new WorkingCalendar().dueDateFrom(new Date('2026-01-09T17:30:00Z'), 1) // '2026-01-13' (already Saturday in Vietnam)
   */
  dueDateFrom(instant: Date, workingDays: number): string {
    return this.addWorkingDays(vietnamDateOf(instant, 'instant'), workingDays);
  }

  /**
   * How a deadline stands at `now`. The due day itself is still in time; a due date on a non-working day
   * runs to the next working day.
   * @example new WorkingCalendar().overdueStatus('2026-01-08', new Date('2026-01-09T02:00:00Z')) // { overdue: true, daysLate: 1, dueSoon: false }
   */
  overdueStatus(dueDate: string, now: Date): OverdueStatus {
    const due = this.#clockStart(epochDay(dueDate));
    const today = epochDay(vietnamDateOf(now, 'now'));
    if (today > due) return { overdue: true, daysLate: this.#count(due, today), dueSoon: false };
    return { overdue: false, daysLate: 0, dueSoon: this.#count(today, due) <= DUE_SOON_WORKING_DAYS };
  }

  #isWorking(day: number): boolean {
    if (this.#weekend.has(weekdayOfEpochDay(day))) return this.#daysOnSet.has(day);
    return !this.#daysOffSet.has(day);
  }

  #clockStart(day: number): number {
    return this.#isWorking(day) ? day : this.#nthWorkingDayAfter(day, 1);
  }

  /** Working days in (from, to], from <= to: whole weeks, the leftover days, then the exceptions in range. */
  #count(from: number, to: number): number {
    const weeks = Math.floor((to - from) / 7);
    let regular = weeks * this.#workingDaysPerWeek;
    for (let day = from + weeks * 7 + 1; day <= to; day += 1) {
      if (!this.#weekend.has(weekdayOfEpochDay(day))) regular += 1;
    }
    return regular - countInRange(this.#daysOff, from, to) + countInRange(this.#daysOn, from, to);
  }

  /**
   * The smallest day with n working days in (day, it], n >= 1, by binary search. Every 7 days hold at least
   * one regular working day and each day off removes at most one, so 7 × (n + days off) days always suffice.
   */
  #nthWorkingDayAfter(day: number, n: number): number {
    let low = day;
    let high = Math.min(day + 7 * (n + this.#daysOff.length), LAST_EPOCH_DAY);
    if (high <= day || this.#count(day, high) < n) {
      throw new CalendarError('calendar date', dateOfEpochDay(day), `${n} working day(s) later falls after 9999-12-31`);
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.#count(day, middle) >= n) high = middle;
      else low = middle;
    }
    return high;
  }
}

function vietnamDateOf(instant: Date, subject: string): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new CalendarError(subject, instant, 'expected a valid Date');
  return vietnamDate(instant);
}

function sortedUnique(days: readonly number[]): readonly number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

/** How many of the sorted days fall in (from, to]. */
function countInRange(sorted: readonly number[], from: number, to: number): number {
  return countAtMost(sorted, to) - countAtMost(sorted, from);
}

function countAtMost(sorted: readonly number[], limit: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.POSITIVE_INFINITY) <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
