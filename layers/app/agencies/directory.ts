import type { AgencyLevel } from '#domain/agency/code';
import { isUnder, parseAgencyCode } from '#domain/agency/code';
import type { UnitChange } from '#domain/agency/store';
import { applyUpdate, newUnit, type OrganisationUnit, type UnitInput, type UnitUpdate } from '#domain/agency/unit';
import type { Page } from '#domain/documents/store';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#domain/errors';
import { authorize, can } from '#domain/identity/permissions';
import type { Principal } from '#domain/identity/principal';
import { searchWords } from '#domain/search/words';
import type { Dependencies, RequestContext } from '../context.ts';

/** Reads a unit by either code notation (`000.00.18.G12` or `G12.18`). */
export async function getAgency(deps: Dependencies, ctx: RequestContext, code: string): Promise<OrganisationUnit> {
  authorize(ctx.principal, 'agency.read');
  const parsed = parseAgencyCode(code);
  if (!parsed.ok) throw new ValidationError(`The agency code is not valid: ${parsed.reason}`, { errors: [{ path: 'path.organId', message: parsed.reason }] });
  const unit = await deps.agencies.get(parsed.code.code102);
  if (unit === undefined) throw new NotFoundError(`No agency ${parsed.code.code102} in the directory.`, { details: { organId: parsed.code.code102 } });
  return unit;
}

export interface ListAgenciesInput {
  readonly parent?: string;
  readonly level?: AgencyLevel;
  readonly q?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

/**
 * Lists the directory by parent or level, sorted by name. `q` finds units holding every word of it (name and
 * code), with or without diacritics, in any order, the last word possibly unfinished; a whole code in either
 * notation finds that unit.
 */
export async function listAgencies(deps: Dependencies, ctx: RequestContext, input: ListAgenciesInput): Promise<Page<OrganisationUnit>> {
  authorize(ctx.principal, 'agency.read');
  let parent: string | undefined;
  if (input.parent !== undefined) {
    const parsed = parseAgencyCode(input.parent);
    if (!parsed.ok) throw new ValidationError(`The parent code is not valid: ${parsed.reason}`, { errors: [{ path: 'query.parent', message: parsed.reason }] });
    parent = parsed.code.code102;
  }
  const words = input.q === undefined ? undefined : searchWords(input.q);
  // A whole code in either notation is that agency (its words alone would also match the same numbers in another order).
  const code = input.q === undefined ? undefined : parseAgencyCode(input.q);
  if (code?.ok === true) {
    const unit = await deps.agencies.get(code.code.code102);
    const fits = unit !== undefined && (parent === undefined || unit.parentCode102 === parent) && (input.level === undefined || unit.level === input.level);
    return { items: fits && input.nextToken === undefined ? [unit] : [] };
  }
  return deps.agencies.list({
    limit: input.limit,
    ...(parent === undefined ? {} : { parent }),
    ...(input.level === undefined ? {} : { level: input.level }),
    ...(words === undefined ? {} : { words }),
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
  });
}

/** Adds a unit. An agency admin may add units below their own agency; the city administrator anywhere. */
export async function createAgency(deps: Dependencies, ctx: RequestContext, input: UnitInput): Promise<OrganisationUnit> {
  authorize(ctx.principal, 'agency.write');
  const unit = newUnit(input, deps.clock.now());
  assertScope(ctx.principal, unit.code102);
  const [outcome] = await deps.agencies.save([{ unit, change: change(ctx, 'api', null, unit) }]);
  if (outcome !== 'saved') throw new ConflictError('agency-exists', `Agency ${unit.code102} is already in the directory; update it with PUT /agencies/${unit.code102}.`);
  return unit;
}

/** Changes a unit (a new version with history); refused with 409 when someone changed it since `expectedVersion`. */
export async function updateAgency(deps: Dependencies, ctx: RequestContext, code: string, update: UnitUpdate): Promise<OrganisationUnit> {
  authorize(ctx.principal, 'agency.write');
  const current = await getAgency(deps, ctx, code);
  assertScope(ctx.principal, current.code102);
  if (current.version !== update.expectedVersion) throw staleVersion(current);
  const next = applyUpdate(current, update, deps.clock.now());
  if (next === current) return current;
  const [outcome] = await deps.agencies.save([{ unit: next, change: change(ctx, 'api', current, next) }]);
  if (outcome !== 'saved') throw staleVersion(current);
  return next;
}

export function change(ctx: { principal: Principal }, source: UnitChange['source'], before: OrganisationUnit | null, after: OrganisationUnit): UnitChange {
  const changed =
    before === null
      ? Object.keys(after)
      : Object.keys(after).filter((k) => JSON.stringify(before[k as keyof OrganisationUnit]) !== JSON.stringify(after[k as keyof OrganisationUnit]));
  const pick = (unit: OrganisationUnit) => Object.fromEntries(changed.map((k) => [k, unit[k as keyof OrganisationUnit]]));
  return { at: after.updatedAt, by: { sub: ctx.principal.sub, name: ctx.principal.name }, source, before: before === null ? null : pick(before), after: pick(after) };
}

function assertScope(principal: Principal, code102: string): void {
  if (principal.roles.includes('city-admin')) return;
  if (can(principal, 'agency.write') && (code102 === principal.organId || isUnder(code102, principal.organId))) return;
  throw new ForbiddenError(`Agency administrators may change only their own agency and the units below it (${principal.organId}).`, { details: { organId: code102 } });
}

function staleVersion(current: OrganisationUnit): ConflictError {
  return new ConflictError('stale-version', `Agency ${current.code102} was changed by someone else (now version ${current.version}); reload it and apply your change again.`, {
    details: { currentVersion: current.version },
  });
}
