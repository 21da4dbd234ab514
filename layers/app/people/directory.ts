import { parseAgencyCode } from '#domain/agency/code';
import type { Page } from '#domain/documents/store';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#domain/errors';
import { authorize, can } from '#domain/identity/permissions';
import type { Principal } from '#domain/identity/principal';
import type { Person, PersonInput, PersonQuery } from '#domain/people/person';
import type { Unit, UnitInput } from '#domain/people/unit';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * The people directory (docs/API.md, "People and units"): an agency's units (phòng, ban, tổ) and users,
 * read by everyone of the agency and written by its admin (or the city's). Users are linked to the identity
 * provider by their `sub`; an admin records them here once their account exists.
 */
export async function listUnits(deps: Pick<Dependencies, 'directory'>, ctx: RequestContext, organId: string): Promise<readonly Unit[]> {
  authorize(ctx.principal, 'directory.read');
  const code = ownAgency(ctx.principal, organId, 'read');
  const units = await deps.directory.units(code);
  return [...units].sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** Creates or changes a unit; `expectedVersion` (the version read) makes a change conditional (409 otherwise). */
export async function putUnit(
  deps: Pick<Dependencies, 'directory' | 'clock'>,
  ctx: RequestContext,
  organId: string,
  unitId: string,
  input: UnitInput & { expectedVersion?: number },
): Promise<Unit> {
  authorize(ctx.principal, 'directory.write');
  const code = ownAgency(ctx.principal, organId, 'write');
  const { expectedVersion, ...fields } = input;
  const [all, head] = await Promise.all([deps.directory.units(code), fields.headSub === undefined ? undefined : deps.directory.getPeople(code, [fields.headSub])]);
  const units = new Map(all.map((unit) => [unit.unitId, unit]));
  const current = units.get(unitId);
  assertVersion(current, expectedVersion, `đơn vị ${unitId}`);
  const issues = [
    ...(fields.parentUnitId === unitId ? [{ path: 'body.parentUnitId', message: 'một đơn vị không thể trực thuộc chính nó' }] : []),
    ...(fields.parentUnitId !== undefined && fields.parentUnitId !== unitId && units.get(fields.parentUnitId) === undefined
      ? [{ path: 'body.parentUnitId', message: `đơn vị ${fields.parentUnitId} không có trong cơ quan` }]
      : []),
    ...(fields.parentUnitId !== undefined && ancestors(units, fields.parentUnitId).includes(unitId)
      ? [{ path: 'body.parentUnitId', message: `${fields.parentUnitId} trực thuộc ${unitId}: một đơn vị không thể trực thuộc đơn vị cấp dưới của nó` }]
      : []),
    ...(fields.headSub !== undefined && head?.get(fields.headSub)?.active !== true
      ? [{ path: 'body.headSub', message: `${fields.headSub} không phải cán bộ đang hoạt động của cơ quan` }]
      : []),
  ];
  if (issues.length > 0) throw new ValidationError('Thông tin đơn vị không hợp lệ.', { errors: issues });
  const unit: Unit = { ...fields, organId: code, unitId, updatedAt: deps.clock.now().toISOString(), updatedBy: who(ctx.principal), version: (current?.version ?? 0) + 1 };
  if ((await deps.directory.saveUnit(unit)) === 'conflict') throw changedMeanwhile(`đơn vị ${unitId}`);
  return unit;
}

export async function listPeople(deps: Pick<Dependencies, 'directory'>, ctx: RequestContext, query: Omit<PersonQuery, 'organId'>): Promise<Page<Person>> {
  authorize(ctx.principal, 'directory.read');
  if (query.includeInactive === true) authorize(ctx.principal, 'directory.write');
  return deps.directory.people({ ...query, organId: ctx.principal.organId });
}

/** One user of the caller's agency; `me` is the caller (404 while the admin has not recorded them). */
export async function getPerson(deps: Pick<Dependencies, 'directory'>, ctx: RequestContext, sub: string): Promise<Person> {
  authorize(ctx.principal, 'directory.read');
  const wanted = sub === 'me' ? ctx.principal.sub : sub;
  const person = (await deps.directory.getPeople(ctx.principal.organId, [wanted])).get(wanted);
  // An inactive person is shown to the admins and to themselves, as GET /users lists them to admins only.
  const shown = person !== undefined && (person.active || wanted === ctx.principal.sub || can(ctx.principal, 'directory.write'));
  if (!shown) throw new NotFoundError(`Không có ${wanted} trong danh bạ cán bộ của cơ quan.`);
  return person;
}

/** Records or changes a user of the caller's agency: its units must be units of the agency. */
export async function putPerson(
  deps: Pick<Dependencies, 'directory' | 'clock'>,
  ctx: RequestContext,
  sub: string,
  input: PersonInput & { expectedVersion?: number },
): Promise<Person> {
  authorize(ctx.principal, 'directory.write');
  if (sub === 'me') throw new ValidationError('Ghi rõ sub của người dùng.', { errors: [{ path: 'path.sub', message: '`me` chỉ dùng để đọc' }] });
  const organId = ctx.principal.organId;
  const { expectedVersion, ...fields } = input;
  const [current, units] = await Promise.all([deps.directory.getPeople(organId, [sub]).then((found) => found.get(sub)), deps.directory.getUnits(organId, fields.units)]);
  assertVersion(current, expectedVersion, `cán bộ ${sub}`);
  const issues = fields.units.flatMap((unitId, i) =>
    units.get(unitId)?.active === true ? [] : [{ path: `body.units.${i}`, message: `đơn vị ${unitId} không có hoặc đã ngừng hoạt động trong cơ quan` }],
  );
  if (new Set(fields.units).size !== fields.units.length) issues.push({ path: 'body.units', message: 'mỗi đơn vị chỉ nêu một lần' });
  if (issues.length > 0) throw new ValidationError('Thông tin cán bộ không hợp lệ.', { errors: issues });
  const person: Person = { ...fields, organId, sub, updatedAt: deps.clock.now().toISOString(), updatedBy: who(ctx.principal), version: (current?.version ?? 0) + 1 };
  if ((await deps.directory.savePerson(person)) === 'conflict') throw changedMeanwhile(`cán bộ ${sub}`);
  return person;
}

/** The agency of a directory route: the caller's own (either code notation), or any for the city's admin. */
function ownAgency(principal: Principal, organId: string, access: 'read' | 'write'): string {
  const parsed = parseAgencyCode(organId);
  if (!parsed.ok) throw new ValidationError('Mã định danh cơ quan không hợp lệ.', { errors: [{ path: 'path.organId', message: parsed.reason }] });
  const code = parsed.code.code102;
  if (code === principal.organId || principal.roles.includes('city-admin')) return code;
  if (access === 'read') throw new NotFoundError(`Không tìm thấy danh bạ của cơ quan ${organId}.`);
  throw new ForbiddenError('Chỉ quản trị của cơ quan (hoặc của thành phố) được sửa danh bạ của cơ quan.', { details: { organId: code } });
}

/** The units above `unitId`, nearest first (a cycle left by older data stops the walk). */
function ancestors(units: ReadonlyMap<string, Unit>, unitId: string): string[] {
  const chain: string[] = [];
  for (let parent = units.get(unitId)?.parentUnitId; parent !== undefined && !chain.includes(parent); parent = units.get(parent)?.parentUnitId) chain.push(parent);
  return chain;
}

function assertVersion(current: { version: number } | undefined, expected: number | undefined, what: string): void {
  if (expected === undefined || expected === (current?.version ?? 0)) return;
  throw new ConflictError('stale-version', `${what} đã được người khác sửa (phiên bản ${current?.version ?? 0}); tải lại rồi sửa tiếp.`, {
    details: { version: current?.version ?? 0 },
  });
}

function changedMeanwhile(what: string): ConflictError {
  return new ConflictError('stale-version', `${what} vừa được người khác sửa; tải lại rồi sửa tiếp.`);
}

function who(principal: Principal): { sub: string; name: string } {
  return { sub: principal.sub, name: principal.name };
}
