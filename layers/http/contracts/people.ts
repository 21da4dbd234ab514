import * as z from 'zod';
import { roles } from '#domain/identity/principal';
import { personInputSchema } from '#domain/people/person';
import { unitInputSchema, unitKinds } from '#domain/people/unit';

/** The schemas the people directory's routes share (units inside an agency, and its users). */
const changedBy = z.object({ sub: z.string(), name: z.string() });

export const unitSchema = z.object({
  organId: z.string().describe('the agency (mã định danh, QCVN 102)'),
  unitId: z.string().describe('the unit inside the agency, e.g. VP, P-KHTC'),
  name: z.string(),
  kind: z.enum(unitKinds).describe('văn phòng, phòng, ban, tổ, trung tâm, khác'),
  parentUnitId: z.string().optional(),
  headSub: z.string().optional().describe('the head of the unit (trưởng đơn vị)'),
  email: z.string().optional(),
  active: z.boolean(),
  updatedAt: z.string(),
  updatedBy: changedBy,
  version: z.number().int(),
});

export const personSchema = z.object({
  organId: z.string(),
  sub: z.string().describe("the user's identity-provider subject (the JWT sub)"),
  name: z.string(),
  position: z.string().optional().describe('chức vụ'),
  units: z.array(z.string()),
  roles: z.array(z.enum(roles)),
  email: z.string().optional(),
  active: z.boolean(),
  signing: z
    .object({ credentialIds: z.array(z.string()), certificates: z.array(z.string()) })
    .optional()
    .describe('what they sign with: remote credential ids, SHA-256 of their certificates; once recorded, only these sign'),
  updatedAt: z.string(),
  updatedBy: changedBy,
  version: z.number().int(),
});

const expectedVersion = { expectedVersion: z.number().int().min(0).optional().describe('the version read (0: must not exist yet); 409 when it changed since') };
export const unitBodySchema = unitInputSchema.extend(expectedVersion);
export const personBodySchema = personInputSchema.extend(expectedVersion);
