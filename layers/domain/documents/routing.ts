import * as z from 'zod';
import { agencyCode102Schema } from '../agency/schema.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import type { Principal } from '../identity/principal.ts';
import { isoDateSchema, paragraphSchema, textSchema } from './metadata.ts';
import { unitIdSchema, unitKey } from '../people/unit.ts';

/**
 * Routing of an incoming document (phân công / bút phê): one lead (chủ trì) unit or person, coordinators
 * (phối hợp), for-information (nhận để biết), a deadline and a note; then progress notes and completion.
 */
const subSchema = z.string().min(1).max(128);

/**
 * An assignee as a leader names it: a person of the agency's directory by `sub`, or a unit of the agency
 * (phòng, ban) by its id. The names come from the directory (a name sent along is ignored); another agency
 * is reached by sending the document, never by assigning it.
 */
export const assigneeRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), sub: subSchema, name: z.string().max(100).optional() }),
  // Strict, and an `organId` may only name the caller's own agency: another agency is refused, never ignored.
  z.strictObject({ kind: z.literal('unit'), unitId: unitIdSchema, organId: z.string().max(40).optional(), name: z.string().max(200).optional() }),
]);
export type AssigneeRequest = z.infer<typeof assigneeRequestSchema>;

/**
 * An assignee as the document keeps it: the person, or the unit with the members it had when the work was
 * assigned (they are the people it concerns: they may read a secret document, report progress and are told).
 * A unit without `unitId` is the agency as a whole (assignments made before units existed).
 */
export const assigneeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), sub: subSchema, name: textSchema().min(1).max(100) }),
  z.object({
    kind: z.literal('unit'),
    organId: agencyCode102Schema,
    unitId: unitIdSchema.optional(),
    name: textSchema().min(1).max(200),
    members: z.array(subSchema).optional(),
  }),
]);
export type Assignee = z.infer<typeof assigneeSchema>;

export const assignmentInputSchema = z
  .object({
    lead: assigneeRequestSchema,
    // Each coordinator's work is counted in the change's transaction (layers/domain/work): at most 20.
    coordinators: z.array(assigneeRequestSchema).max(20).default([]),
    forInformation: z.array(assigneeRequestSchema).max(200).default([]),
    dueDate: isoDateSchema.optional(),
    /** The deadline counted in working days from today (holidays of the configured calendar skipped). */
    dueInWorkingDays: z.number().int().min(0).max(365).optional(),
    note: paragraphSchema().max(2000).optional(),
  })
  .refine((a) => a.dueDate === undefined || a.dueInWorkingDays === undefined, { path: ['dueInWorkingDays'], message: 'give dueDate or dueInWorkingDays, not both' });
export type AssignmentRequest = z.infer<typeof assignmentInputSchema>;

/** The assignment as the document keeps it, every assignee resolved from the directory. */
export interface AssignmentInput {
  readonly lead: Assignee;
  readonly coordinators: Assignee[];
  readonly forInformation: Assignee[];
  readonly dueDate?: string;
  readonly note?: string;
}

export interface Assignment extends AssignmentInput {
  readonly assignedBy: { readonly sub: string; readonly name: string };
  readonly assignedAt: string;
}

export const returnInputSchema = z.object({ reason: paragraphSchema().min(1, 'a reason is required').max(1000, 'at most 1,000 characters (edXML status 02)') });
export const progressInputSchema = z.object({ note: paragraphSchema().min(1, 'the progress note is required').max(2000) });
export const completeInputSchema = z.object({
  note: paragraphSchema().max(2000).optional(),
  replyDocumentId: z
    .string()
    .regex(/^[0-9A-Z]{26}$/)
    .optional(),
});

/**
 * Keys that list filters and need-to-know match: `person:<sub>` and `unit:<organId>/<unitId>` of everyone the
 * document is routed to, and `member:<sub>` of each member an assigned unit had — a key of its own, because a
 * unit's members are concerned as its specialists (visibility.ts), not as persons named by the leader.
 */
export function assigneeKeys(assignment: AssignmentInput): string[] {
  const all = [assignment.lead, ...assignment.coordinators, ...assignment.forInformation];
  return [...new Set(all.flatMap((assignee) => [assigneeKey(assignee), ...(assignee.kind === 'unit' ? (assignee.members ?? []).map(memberKey) : [])]))];
}

/** The key of a unit's member among a document's assignee keys. */
export function memberKey(sub: string): string {
  return `member:${sub}`;
}

export function assigneeKey(assignee: Assignee): string {
  if (assignee.kind === 'person') return `person:${assignee.sub}`;
  return assignee.unitId === undefined ? `unit:${assignee.organId}` : unitKey(assignee.organId, assignee.unitId);
}

/**
 * Whether the principal is the assignee: the person, or a specialist among the members the unit had when it
 * was assigned (as a specialist of the agency was, before units existed).
 */
export function isAssignee(principal: Principal, assignee: Assignee): boolean {
  if (assignee.kind === 'person') return assignee.sub === principal.sub;
  if (assignee.organId !== principal.organId || !principal.roles.includes('specialist')) return false;
  return assignee.unitId === undefined || (assignee.members ?? []).includes(principal.sub);
}

/**
 * Checks that an assignment names each assignee once and has a sensible deadline. That each assignee is an
 * active person or unit of the agency's directory is checked where the directory is read (layers/app).
 */
export function validateAssignment(input: AssignmentRequest | AssignmentInput, today: string): void {
  const all = [input.lead, ...input.coordinators, ...input.forInformation];
  const keys = all.map((a) => (a.kind === 'person' ? `person:${a.sub}` : `unit:${a.unitId ?? ('organId' in a ? a.organId : '')}`));
  const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
  const issues = [
    ...(repeated.length > 0 ? [{ path: 'body', message: `mỗi người hoặc đơn vị chỉ được giao một lần: ${[...new Set(repeated)].join(', ')} được nêu hai lần` }] : []),
    ...(input.dueDate !== undefined && input.dueDate < today ? [{ path: 'body.dueDate', message: `hạn xử lý ${input.dueDate} trước ngày hôm nay (${today})` }] : []),
  ];
  if (issues.length > 0) throw new ValidationError('Phân công không hợp lệ.', { errors: issues });
}

/**
 * Who may write progress or complete: the lead or a coordinator (a person, or a member of an assigned unit),
 * or a leader of the agency.
 */
export function assertAssignee(principal: Principal, assignment: Assignment | undefined, lead: boolean): void {
  if (principal.roles.includes('leader')) return;
  const candidates = assignment === undefined ? [] : lead ? [assignment.lead] : [assignment.lead, ...assignment.coordinators];
  const match = candidates.some((a) => isAssignee(principal, a));
  if (!match) {
    throw new ForbiddenError(lead ? 'Only the lead assignee (or a leader) may complete this document.' : 'Only the assignees (or a leader) may report progress on this document.');
  }
}
