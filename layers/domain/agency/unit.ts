import * as z from 'zod';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { parentOf, parseAgencyCode, type AgencyCode, type AgencyLevel } from './code.ts';
import { agencyCode102Schema } from './schema.ts';

/**
 * An organisation unit (cơ quan, đơn vị) of the directory, known by both code notations. Codes change in
 * reorganisations (2025: communes merged), so units carry effective dates and a successor; documents keep
 * the code they were sent with, so nothing here ever rewrites a document.
 */
export const unitKinds = ['people-committee', 'people-council', 'department', 'district', 'commune', 'ministry', 'agency', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];

const contactSchema = z.object({
  email: z.email().max(200).optional(),
  telephone: z.string().trim().max(50).optional(),
  fax: z.string().trim().max(50).optional(),
  address: z.string().trim().max(300).optional(),
  website: z.string().trim().max(200).optional(),
});

export const unitInputSchema = z.object({
  code102: agencyCode102Schema,
  name: z.string().trim().min(1, 'the name is required').max(200),
  kind: z.enum(unitKinds).default('other'),
  contact: contactSchema.default({}),
  effectiveFrom: z.iso.date().optional(),
  effectiveTo: z.iso.date().optional(),
  /** The unit that took over this one in a reorganisation. */
  successorCode102: agencyCode102Schema.optional(),
  /** Sample data of the local runtime, never a real agency. */
  sample: z.boolean().default(false),
});

export type UnitInput = z.infer<typeof unitInputSchema>;

/**
 * Changes to a unit: every field optional and WITHOUT the defaults of unitInputSchema — an update that
 * leaves out `kind` must not turn a commune into "other".
 */
export const unitUpdateSchema = z.object({
  name: z.string().trim().min(1, 'the name is required').max(200).optional(),
  kind: z.enum(unitKinds).optional(),
  contact: contactSchema.optional(),
  effectiveFrom: z.iso.date().optional(),
  effectiveTo: z.iso.date().optional(),
  successorCode102: agencyCode102Schema.optional(),
  sample: z.boolean().optional(),
  /** The version read; the update is refused if the unit changed since (409). */
  expectedVersion: z.number().int().positive(),
});

export type UnitUpdate = z.infer<typeof unitUpdateSchema>;

export interface OrganisationUnit {
  readonly code102: string;
  readonly qd20: string;
  readonly level: AgencyLevel;
  readonly parentCode102: string | null;
  readonly name: string;
  readonly kind: UnitKind;
  readonly contact: z.infer<typeof contactSchema>;
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  readonly successorCode102?: string;
  readonly sample: boolean;
  /** Id of the unit in the national axis catalogue, when imported from it. */
  readonly catalogueId?: string;
  readonly version: number;
  readonly updatedAt: string;
}

/** The fields whose change makes a new version (what an import compares). */
export const comparedFields = ['name', 'kind', 'contact', 'effectiveFrom', 'effectiveTo', 'successorCode102', 'sample', 'catalogueId'] as const;

/** Builds a unit from validated input; both code forms, level and parent come from the code. */
export function newUnit(input: UnitInput & { catalogueId?: string }, now: Date): OrganisationUnit {
  const code = codeOf(input.code102, 'body.code102');
  checkDates(input);
  return {
    code102: code.code102,
    qd20: code.qd20,
    level: code.level,
    parentCode102: parentOf(code)?.code102 ?? null,
    name: input.name,
    kind: input.kind,
    contact: input.contact,
    ...(input.effectiveFrom === undefined ? {} : { effectiveFrom: input.effectiveFrom }),
    ...(input.effectiveTo === undefined ? {} : { effectiveTo: input.effectiveTo }),
    ...(input.successorCode102 === undefined ? {} : { successorCode102: input.successorCode102 }),
    sample: input.sample,
    ...(input.catalogueId === undefined ? {} : { catalogueId: input.catalogueId }),
    version: 1,
    updatedAt: now.toISOString(),
  };
}

/** The unit after an update (a new version), or the same object when nothing changed. */
export function applyUpdate(unit: OrganisationUnit, update: Omit<UnitUpdate, 'expectedVersion'>, now: Date): OrganisationUnit {
  const next = { ...unit, ...definedOnly(update) } as OrganisationUnit;
  checkDates(next);
  if (sameContent(unit, next)) return unit;
  return { ...next, version: unit.version + 1, updatedAt: now.toISOString() };
}

export function sameContent(a: OrganisationUnit, b: OrganisationUnit): boolean {
  return comparedFields.every((field) => JSON.stringify(a[field] ?? null) === JSON.stringify(b[field] ?? null));
}

/** Is the unit in force on a Vietnam date (YYYY-MM-DD)? */
export function isEffectiveOn(unit: OrganisationUnit, date: string): boolean {
  return (unit.effectiveFrom === undefined || unit.effectiveFrom <= date) && (unit.effectiveTo === undefined || date <= unit.effectiveTo);
}

function codeOf(text: string, path: string): AgencyCode {
  const parsed = parseAgencyCode(text);
  if (!parsed.ok) throw new ValidationError(`The agency code is not valid: ${parsed.reason}`, { errors: [{ path, message: parsed.reason }] });
  return parsed.code;
}

function checkDates(unit: { effectiveFrom?: string | undefined; effectiveTo?: string | undefined; successorCode102?: string | undefined; code102?: string }): void {
  const issues: FieldIssue[] = [];
  if (unit.effectiveFrom !== undefined && unit.effectiveTo !== undefined && unit.effectiveTo < unit.effectiveFrom) {
    issues.push({ path: 'body.effectiveTo', message: `ends (${unit.effectiveTo}) before it starts (${unit.effectiveFrom})` });
  }
  if (unit.successorCode102 !== undefined && unit.successorCode102 === unit.code102) {
    issues.push({ path: 'body.successorCode102', message: 'a unit cannot succeed itself' });
  }
  if (issues.length > 0) throw new ValidationError('The unit dates or successor are not consistent.', { errors: issues });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== undefined && key !== 'expectedVersion')) as Partial<T>;
}
