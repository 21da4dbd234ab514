/**
 * [unverified] A SAMPLE Vietnam working calendar for 2025–2027: configuration to start from, not truth.
 *
 * Fixed dates come from Bộ luật Lao động 2019, Điều 112: 1/1, 30/4, 1/5, and 2/9 with one adjacent day, each
 * moved to the next working day when it falls on a weekend. Tết Nguyên Đán (5 days) and Giỗ Tổ Hùng Vương
 * (10/3 lunar) follow the lunar calendar, and each year the Government decides how Tết is laid out and which
 * weekdays are swapped for a Saturday. Those dates MUST be confirmed against each year's official decision
 * (Thủ tướng / Bộ Nội vụ announcement) before a deployment relies on them; then load the confirmed list as
 * configuration with `new WorkingCalendar(config)` rather than editing this file.
 *
 * Status per year, as read from press reports of the announcements (not from the decisions themselves):
 * - 2025: as announced (Tết 27–31/1; 30/4–1/5 with Friday 2/5 swapped for Saturday 26/4).
 * - 2026: as announced (New Year with Friday 2/1 swapped for Saturday 10/1; Tết 16–20/2; National Day with
 *   Monday 31/8 swapped for Saturday 22/8).
 * - 2027: ESTIMATED from the Labour Code and computed lunar dates (Tết 6/2/2027, Giỗ Tổ 16/4/2027); no
 *   decision existed when this was written.
 * Not included: Ngày Văn hóa Việt Nam (24/11), chosen as a paid holiday by the Politburo in 2026 but awaiting
 * the Labour Code amendment.
 */
import type { CalendarConfig } from './config.ts';
import { WorkingCalendar } from './working-calendar.ts';

/** The years the sample claims to cover; outside them only weekends are known. */
export const VIETNAM_SAMPLE_YEARS = [2025, 2026, 2027] as const;

/** Weekdays off, with why, so a reviewer can check each line against the year's decision. */
const DAYS_OFF: readonly (readonly [date: string, why: string])[] = [
  ['2025-01-01', 'Tết Dương lịch'],
  ['2025-01-27', 'Tết Ất Tỵ (28 tháng Chạp)'],
  ['2025-01-28', 'Tết Ất Tỵ (giao thừa)'],
  ['2025-01-29', 'Tết Ất Tỵ (mùng 1)'],
  ['2025-01-30', 'Tết Ất Tỵ (mùng 2)'],
  ['2025-01-31', 'Tết Ất Tỵ (mùng 3)'],
  ['2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 Ất Tỵ)'],
  ['2025-04-30', 'Ngày Chiến thắng'],
  ['2025-05-01', 'Quốc tế Lao động'],
  ['2025-05-02', 'swapped for Saturday 26/4/2025'],
  ['2025-09-01', 'Quốc khánh (adjacent day)'],
  ['2025-09-02', 'Quốc khánh'],

  ['2026-01-01', 'Tết Dương lịch'],
  ['2026-01-02', 'swapped for Saturday 10/1/2026'],
  ['2026-02-16', 'Tết Bính Ngọ (giao thừa)'],
  ['2026-02-17', 'Tết Bính Ngọ (mùng 1)'],
  ['2026-02-18', 'Tết Bính Ngọ (mùng 2)'],
  ['2026-02-19', 'Tết Bính Ngọ (mùng 3)'],
  ['2026-02-20', 'Tết Bính Ngọ (mùng 4)'],
  ['2026-04-27', 'nghỉ bù: Giỗ Tổ Hùng Vương falls on Sunday 26/4/2026'],
  ['2026-04-30', 'Ngày Chiến thắng'],
  ['2026-05-01', 'Quốc tế Lao động'],
  ['2026-08-31', 'swapped for Saturday 22/8/2026'],
  ['2026-09-01', 'Quốc khánh (adjacent day)'],
  ['2026-09-02', 'Quốc khánh'],

  ['2027-01-01', 'Tết Dương lịch'],
  ['2027-02-04', 'Tết Đinh Mùi (estimated layout: 28 tháng Chạp)'],
  ['2027-02-05', 'Tết Đinh Mùi (estimated layout: giao thừa)'],
  ['2027-02-08', 'Tết Đinh Mùi (estimated layout: mùng 3; mùng 1–2 fall on the weekend)'],
  ['2027-02-09', 'Tết Đinh Mùi (estimated layout: mùng 4)'],
  ['2027-02-10', 'Tết Đinh Mùi (estimated layout: mùng 5)'],
  ['2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 Đinh Mùi, computed)'],
  ['2027-04-30', 'Ngày Chiến thắng'],
  ['2027-05-03', 'nghỉ bù: Quốc tế Lao động falls on Saturday 1/5/2027'],
  ['2027-09-02', 'Quốc khánh'],
  ['2027-09-03', 'Quốc khánh (adjacent day, estimated choice)'],
];

/** Saturdays worked in exchange for a weekday off (ngày làm bù). */
const SWAPPED_WORKING_DAYS: readonly (readonly [date: string, why: string])[] = [
  ['2025-04-26', 'for Friday 2/5/2025'],
  ['2026-01-10', 'for Friday 2/1/2026'],
  ['2026-08-22', 'for Monday 31/8/2026'],
];

/**
 * [unverified] The sample configuration; see the module comment before relying on it.
 * @example new WorkingCalendar(vietnamSampleCalendarConfig).isWorkingDay('2026-02-17') // false (Tết)
 */
export const vietnamSampleCalendarConfig: CalendarConfig = {
  weekendDays: [0, 6],
  holidays: DAYS_OFF.map(([date]) => date),
  workingDays: SWAPPED_WORKING_DAYS.map(([date]) => date),
};

/**
 * [unverified] A calendar built from the sample configuration, for development and tests.
 * @example vietnamSampleCalendar.addWorkingDays('2026-02-13', 1) // '2026-02-23'
 */
export const vietnamSampleCalendar = new WorkingCalendar(vietnamSampleCalendarConfig);
