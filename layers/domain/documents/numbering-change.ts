import { ConflictError, UnprocessableError, type FieldIssue } from '../errors.ts';
import { administrativeTypeNames, formatCodeNumber, notationFamily, registerOf, systemSeries, type NumberingConfig } from './numbering.ts';
import { typeAbbreviations, type TypeName } from './outgoing.ts';

/**
 * What a change of an agency's registers does to numbers already printed this year. A printed number and
 * notation (`02/QĐ-SNV`) identifies one document, so when a type moves to another register mid-year:
 * - a register that has issued nothing yet this year **continues after the highest number already printed**
 *   with the notations it takes over (QĐ up to 04 in the general register → the new Quyết định register
 *   starts at 05): the head of the agency may split registers (Art. 15.1.c) and nothing prints twice;
 * - a register that already issued numbers this year and runs below that highest number is **refused**
 *   (409): jumping its counter would leave a gap in its own book, and going on would repeat numbers.
 * docs/DATA.md says why this choice.
 */
export interface RegisterCounter {
  readonly registerId: string;
  readonly year: number;
  /** The last number the register gave this year (0 when none). */
  readonly value: number;
  /** Per notation family (notationFamily), the last number the register printed with it this year. */
  readonly lastByFamily: Readonly<Record<string, number>>;
  /** A register that continued a numbering: its first number of the year was `startedAfter + 1`. */
  readonly startedAfter?: number;
}

export interface RegisterStart {
  readonly registerId: string;
  readonly year: number;
  /** The register's first number of the year is `after + 1`. */
  readonly after: number;
  /** The counter's value when planned: 0 (absent or never used) or a start not used yet. */
  readonly expectedValue: number;
}

/** A counter the change was planned on: it must still hold `value` (`absent`: not exist) when the change is saved. */
export interface CounterGuard {
  readonly registerId: string;
  readonly year: number;
  readonly value: number | 'absent';
}

export interface NumberingChangePlan {
  readonly starts: readonly RegisterStart[];
  readonly guards: readonly CounterGuard[];
}

/** A change checks its counters in one transaction (DynamoDB: 100 items); beyond this it is refused (422). */
export const MAX_CHECKED_COUNTERS = 95;

/**
 * The starts a new configuration needs for `year` and the counters it rests on, or a ConflictError
 * `numbering-would-repeat` that names each register and type that would print a number twice.
 *
 * The guards are every counter of a register in the old or new configuration or holding a notation's highest
 * number: an issue that moves one of them (or creates it) between the plan and the save makes the save fail,
 * and the administrator plans again. On 31 December the next year's counters are guarded too (they must not
 * exist yet), since a save that lands after midnight would apply the plan to the new year.
 *
 * @example
 * planNumberingChange(next, ['general'], [{ registerId: 'general', year: 2026, value: 4, lastByFamily: { QĐ: 4 } }], 2026)
 * // → starts [{ registerId: 'decisions', year: 2026, after: 4, expectedValue: 0 }] when `next` gives Quyết định to a new register
 */
export function planNumberingChange(
  next: NumberingConfig,
  previousRegisterIds: readonly string[],
  counters: readonly RegisterCounter[],
  year: number,
  options: { lastDayOfYear?: boolean } = {},
): NumberingChangePlan {
  const configured = counters.filter((c) => c.year === year && !systemSeries.some((s) => s.id === c.registerId));
  const highest = highestByFamily(configured);
  const counterOf = (registerId: string) => configured.find((c) => c.registerId === registerId);
  const starts = new Map<string, RegisterStart>();
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const type of administrativeTypeNames) {
    const family = notationFamily(type);
    const used = highest.get(family);
    const register = registerOf(next, type);
    if (used === undefined || register === undefined || seen.has(family)) continue;
    seen.add(family);
    const counter = counterOf(register.id);
    const current = Math.max(counter?.value ?? 0, starts.get(register.id)?.after ?? 0);
    if (current >= used.number) continue;
    if (counter === undefined || isUnused(counter)) {
      starts.set(register.id, { registerId: register.id, year, after: used.number, expectedValue: counter?.value ?? 0 });
      continue;
    }
    const index = next.registers.indexOf(register);
    issues.push({ path: `body.registers.${index}.typeNames`, message: repeatMessage(type, register.name, current, used, next.issuerAbbreviation, year) });
  }
  if (issues.length > 0) {
    throw new ConflictError('numbering-would-repeat', `Cấu hình sổ này sẽ cấp lại số, ký hiệu đã ban hành trong năm ${year}: ${issues.map((i) => i.message).join(' ')}`, {
      errors: issues,
      details: { year },
    });
  }
  const involved = [...new Set([...previousRegisterIds, ...next.registers.map((r) => r.id), ...[...highest.values()].map((h) => h.registerId)])].filter((id) => !starts.has(id));
  const guards: CounterGuard[] = [
    ...involved.map((registerId) => ({ registerId, year, value: counterOf(registerId)?.value ?? ('absent' as const) })),
    ...(options.lastDayOfYear === true ? [...involved, ...starts.keys()].map((registerId) => ({ registerId, year: year + 1, value: 'absent' as const })) : []),
  ];
  if (guards.length + starts.size > MAX_CHECKED_COUNTERS) {
    throw new UnprocessableError(
      'numbering-change-too-large',
      `Thay đổi này liên quan đến ${guards.length + starts.size} sổ; hãy thay đổi ít sổ hơn trong một lần (tối đa ${MAX_CHECKED_COUNTERS}).`,
    );
  }
  return { starts: [...starts.values()], guards };
}

/** A register started after another's numbers that has given none of its own yet. */
function isUnused(counter: RegisterCounter): boolean {
  return counter.value === 0 || (counter.startedAfter === counter.value && Object.keys(counter.lastByFamily).length === 0);
}

function highestByFamily(counters: readonly RegisterCounter[]): Map<string, { number: number; registerId: string }> {
  const highest = new Map<string, { number: number; registerId: string }>();
  for (const counter of counters) {
    for (const [family, number] of Object.entries(counter.lastByFamily)) {
      if (number > (highest.get(family)?.number ?? 0)) highest.set(family, { number, registerId: counter.registerId });
    }
  }
  return highest;
}

function repeatMessage(type: TypeName, registerName: string, current: number, used: { number: number; registerId: string }, issuer: string, year: number): string {
  const abbreviation = typeAbbreviations[type];
  const notation = abbreviation === null ? `${issuer}-…` : `${abbreviation}-${issuer}`;
  return (
    `Sổ "${registerName}" đã cấp đến số ${formatCodeNumber(current)} trong năm ${year}, còn ${type} đã được cấp đến số ` +
    `${formatCodeNumber(used.number)}/${notation} (sổ ${used.registerId}); chuyển ${type} sang sổ này thì các số từ ` +
    `${formatCodeNumber(current + 1)} đến ${formatCodeNumber(used.number)} có thể bị cấp lần thứ hai. Hãy để ${type} ở sổ cũ đến hết năm, ` +
    `hoặc giao cho một sổ chưa cấp số nào trong năm (sổ đó sẽ tiếp nối sau số ${formatCodeNumber(used.number)}).`
  );
}
