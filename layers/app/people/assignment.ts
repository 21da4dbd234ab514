import type { Assignee, AssigneeRequest, AssignmentInput, AssignmentRequest } from '#domain/documents/routing';
import { parseAgencyCode } from '#domain/agency/code';
import { ValidationError, type FieldIssue } from '#domain/errors';
import type { Dependencies } from '../context.ts';

/** The members of the units of one assignment, at most (each is written on the document, a DynamoDB item ≤ 400 KB). */
export const MAX_MEMBERS = 500;

/**
 * Resolves an assignment against the agency's directory: every person must be an active user of the
 * agency and every unit an active unit of it; names are the directory's, and a unit carries the members it
 * has now (the people the work concerns). Anything else is a 400 naming the field, before anything is
 * written: another agency is reached by sending the document, not by assigning it.
 *
 * @example
 * const assignment = await resolveAssignment(deps, '000.00.91.H26', { lead: { kind: 'unit', unitId: 'VP' }, coordinators: [], forInformation: [] });
 * assignment.lead; // { kind: 'unit', organId: '000.00.91.H26', unitId: 'VP', name: 'Văn phòng', members: ['sample-specialist-1'] }
 */
export async function resolveAssignment(deps: Pick<Dependencies, 'directory'>, organId: string, request: Omit<AssignmentRequest, 'dueInWorkingDays'>): Promise<AssignmentInput> {
  const named = [
    ['lead', request.lead] as const,
    ...request.coordinators.map((a, i) => [`coordinators.${i}`, a] as const),
    ...request.forInformation.map((a, i) => [`forInformation.${i}`, a] as const),
  ];
  const subs = named.flatMap(([, a]) => (a.kind === 'person' ? [a.sub] : []));
  const unitIds = named.flatMap(([, a]) => (a.kind === 'unit' ? [a.unitId] : []));
  const [people, units, members] = await Promise.all([
    subs.length === 0 ? new Map() : deps.directory.getPeople(organId, subs),
    unitIds.length === 0 ? new Map() : deps.directory.getUnits(organId, unitIds),
    unitIds.length === 0 ? [] : deps.directory.audience(organId, { units: unitIds }),
  ]);
  const issues: FieldIssue[] = [];
  const resolve = (path: string, assignee: AssigneeRequest): Assignee | undefined => {
    if (assignee.kind === 'person') {
      const person = people.get(assignee.sub);
      if (person === undefined || !person.active) {
        issues.push({
          path: `body.${path}.sub`,
          message:
            person === undefined
              ? `${assignee.sub} không có trong danh bạ cán bộ của cơ quan: chỉ giao việc cho người của cơ quan; gửi văn bản cho cơ quan khác bằng phát hành`
              : `${person.name} đã ngừng hoạt động trong danh bạ của cơ quan`,
        });
        return undefined;
      }
      return { kind: 'person', sub: person.sub, name: person.name };
    }
    if (assignee.organId !== undefined && !sameAgency(assignee.organId, organId)) {
      issues.push({
        path: `body.${path}.organId`,
        message: `${assignee.organId} không phải cơ quan của bạn: chỉ giao việc trong cơ quan; gửi văn bản cho cơ quan khác bằng phát hành`,
      });
      return undefined;
    }
    const unit = units.get(assignee.unitId);
    if (unit === undefined || !unit.active) {
      issues.push({
        path: `body.${path}.unitId`,
        message: unit === undefined ? `đơn vị ${assignee.unitId} không thuộc cơ quan: chỉ giao việc cho đơn vị của cơ quan` : `đơn vị ${unit.name} đã ngừng hoạt động`,
      });
      return undefined;
    }
    const subsOfUnit = members.filter((person) => person.units.includes(unit.unitId)).map((person) => person.sub);
    return { kind: 'unit', organId, unitId: unit.unitId, name: unit.name, members: subsOfUnit };
  };
  const [lead, ...rest] = named.map(([path, assignee]) => resolve(path, assignee));
  // Each member is kept on the document (in the assignment and its keys): a bound keeps it one item.
  const memberCount = [lead, ...rest].reduce((sum, a) => sum + (a?.kind === 'unit' ? (a.members ?? []).length : 0), 0);
  if (memberCount > MAX_MEMBERS) {
    issues.push({ path: 'body', message: `các đơn vị được giao có ${memberCount} người, quá ${MAX_MEMBERS} người một lần giao: hãy giao cho ít đơn vị hơn hoặc cho từng người` });
  }
  if (issues.length > 0 || lead === undefined) throw new ValidationError('Phân công không hợp lệ: có người hoặc đơn vị không thuộc danh bạ của cơ quan.', { errors: issues });
  const resolved = rest as Assignee[];
  const { dueDate, note } = request;
  return {
    lead,
    coordinators: resolved.slice(0, request.coordinators.length),
    forInformation: resolved.slice(request.coordinators.length),
    ...(dueDate === undefined ? {} : { dueDate }),
    ...(note === undefined ? {} : { note }),
  };
}

/** Whether a code, in either notation, names the agency. */
function sameAgency(code: string, organId: string): boolean {
  const parsed = parseAgencyCode(code);
  return parsed.ok && parsed.code.code102 === organId;
}
