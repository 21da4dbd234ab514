import { ConflictError, type FieldIssue } from '../errors.ts';
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
}

/**
 * The starts a new configuration needs for `year`, or a ConflictError `numbering-would-repeat` that names
 * each register and type that would print a number twice.
 *
 * @example
 * planNumberingChange(next, [{ registerId: 'general', year: 2026, value: 4, lastByFamily: { QĐ: 4 } }], 2026)
 * // → [{ registerId: 'decisions', year: 2026, after: 4 }] when `next` gives Quyết định to a new register
 */
export function planNumberingChange(next: NumberingConfig, counters: readonly RegisterCounter[], year: number): RegisterStart[] {
  const configured = counters.filter((c) => c.year === year && !systemSeries.some((s) => s.id === c.registerId));
  const highest = highestByFamily(configured);
  const value = (registerId: string) => configured.find((c) => c.registerId === registerId)?.value ?? 0;
  const starts = new Map<string, number>();
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const type of administrativeTypeNames) {
    const family = notationFamily(type);
    const used = highest.get(family);
    const register = registerOf(next, type);
    if (used === undefined || register === undefined || seen.has(family)) continue;
    seen.add(family);
    const current = value(register.id);
    if (current >= used.number) continue;
    if (current === 0) {
      starts.set(register.id, Math.max(starts.get(register.id) ?? 0, used.number));
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
  return [...starts].map(([registerId, after]) => ({ registerId, year, after }));
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
