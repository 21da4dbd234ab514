import * as z from 'zod';
import { textSchema } from '../documents/metadata.ts';

/**
 * A unit inside an agency (đơn vị thuộc cơ quan): a phòng, ban, văn phòng, tổ or trung tâm — what a leader
 * assigns work to besides a person. Its id is short and stable, chosen by the agency's admin (`VP`,
 * `TCCB`); a unit is never deleted, only made inactive, so old assignments keep their meaning.
 */
export const unitKinds = ['van-phong', 'phong', 'ban', 'to', 'trung-tam', 'khac'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** `VP`, `TCCB`, `P-KHTC`: upper-case letters, digits and inner dashes, at most 16. */
export const unitIdSchema = z
  .string()
  .regex(/^[A-Z0-9](?:[A-Z0-9-]{0,14}[A-Z0-9])?$/, 'mã đơn vị: chữ in hoa không dấu, chữ số và dấu gạch ngang, tối đa 16 ký tự (VD: VP, P-KHTC)');

const subSchema = z.string().min(1).max(128);

/** What an admin sends to create or change a unit. */
export const unitInputSchema = z.strictObject({
  name: textSchema().min(1).max(200),
  kind: z.enum(unitKinds),
  /** The unit it belongs to (a tổ of a phòng), in the same agency. */
  parentUnitId: unitIdSchema.optional(),
  /** The head (trưởng phòng…): a user of the agency's directory. */
  headSub: subSchema.optional(),
  /** The unit's own mailbox, for e-mail addressed to the unit as a whole. */
  email: z.email().max(254).optional(),
  active: z.boolean().default(true),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export interface Unit extends UnitInput {
  readonly organId: string;
  readonly unitId: string;
  readonly updatedAt: string;
  readonly updatedBy: { readonly sub: string; readonly name: string };
  /** 1 when created; each change adds one (optimistic locking). */
  readonly version: number;
}

/**
 * The key assignments, reminders and counters use for a unit of an agency.
 * @example unitKey('000.00.91.H26', 'VP') // 'unit:000.00.91.H26/VP'
 */
export function unitKey(organId: string, unitId: string): string {
  return `unit:${organId}/${unitId}`;
}
