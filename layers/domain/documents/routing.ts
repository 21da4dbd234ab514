import * as z from 'zod';
import { isUnder } from '../agency/code.ts';
import { agencyCode102Schema } from '../agency/schema.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import type { Principal } from '../identity/principal.ts';
import { isoDateSchema, paragraphSchema, textSchema } from './metadata.ts';

/**
 * Routing of an incoming document (phân công / bút phê): one lead (chủ trì) unit or person, coordinators
 * (phối hợp), for-information (nhận để biết), a deadline and a note; then progress notes and completion.
 */
export const assigneeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), sub: z.string().min(1).max(128), name: textSchema().min(1).max(100) }),
  z.object({ kind: z.literal('unit'), organId: agencyCode102Schema, name: textSchema().min(1).max(200) }),
]);
export type Assignee = z.infer<typeof assigneeSchema>;

export const assignmentInputSchema = z
  .object({
    lead: assigneeSchema,
    coordinators: z.array(assigneeSchema).max(50).default([]),
    forInformation: z.array(assigneeSchema).max(200).default([]),
    dueDate: isoDateSchema.optional(),
    /** The deadline counted in working days from today (holidays of the configured calendar skipped). */
    dueInWorkingDays: z.number().int().min(0).max(365).optional(),
    note: paragraphSchema().max(2000).optional(),
  })
  .refine((a) => a.dueDate === undefined || a.dueInWorkingDays === undefined, { path: ['dueInWorkingDays'], message: 'give dueDate or dueInWorkingDays, not both' });
export type AssignmentRequest = z.infer<typeof assignmentInputSchema>;
export type AssignmentInput = Omit<AssignmentRequest, 'dueInWorkingDays'>;

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

/** Keys that list filters match: `person:<sub>` and `unit:<organId>` for everyone the document is routed to. */
export function assigneeKeys(assignment: AssignmentInput): string[] {
  const all = [assignment.lead, ...assignment.coordinators, ...assignment.forInformation];
  return [...new Set(all.map(assigneeKey))];
}

export function assigneeKey(assignee: Assignee): string {
  return assignee.kind === 'person' ? `person:${assignee.sub}` : `unit:${assignee.organId}`;
}

/**
 * Checks that an assignment names each assignee once, stays inside the agency (a unit is the agency itself
 * or one of its units: a document, and a secret one above all, is never routed to another agency — that is
 * what sending is for) and has a sensible deadline.
 */
export function validateAssignment(input: AssignmentInput, today: string, organId: string): void {
  const all = [input.lead, ...input.coordinators, ...input.forInformation];
  const keys = all.map(assigneeKey);
  const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
  const paths = [
    ['lead', input.lead] as const,
    ...input.coordinators.map((a, i) => [`coordinators.${i}`, a] as const),
    ...input.forInformation.map((a, i) => [`forInformation.${i}`, a] as const),
  ];
  const outside = paths.filter(([, a]) => a.kind === 'unit' && a.organId !== organId && !isUnder(a.organId, organId));
  const issues = [
    ...outside.map(([path, a]) => ({
      path: `body.${path}.organId`,
      message: `${a.kind === 'unit' ? a.organId : ''} không thuộc cơ quan: chỉ phân công trong cơ quan; gửi văn bản cho cơ quan khác bằng phát hành`,
    })),
    ...(repeated.length > 0 ? [{ path: 'body', message: `each assignee once: ${[...new Set(repeated)].join(', ')} named twice` }] : []),
    ...(input.dueDate !== undefined && input.dueDate < today ? [{ path: 'body.dueDate', message: `the deadline ${input.dueDate} is before today (${today})` }] : []),
  ];
  if (issues.length > 0) throw new ValidationError('The assignment is not consistent.', { errors: issues });
}

/**
 * Who may write progress or complete: the lead or a coordinator (a person, or a member of an assigned unit),
 * or a leader of the agency.
 */
export function assertAssignee(principal: Principal, assignment: Assignment | undefined, lead: boolean): void {
  if (principal.roles.includes('leader')) return;
  const candidates = assignment === undefined ? [] : lead ? [assignment.lead] : [assignment.lead, ...assignment.coordinators];
  const match = candidates.some((a) => (a.kind === 'person' ? a.sub === principal.sub : a.organId === principal.organId && principal.roles.includes('specialist')));
  if (!match) {
    throw new ForbiddenError(lead ? 'Only the lead assignee (or a leader) may complete this document.' : 'Only the assignees (or a leader) may report progress on this document.');
  }
}
