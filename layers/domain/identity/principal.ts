import * as z from 'zod';
import { agencyCode102Schema } from '../agency/schema.ts';

/**
 * Who is calling: the verified JWT claims. Roles: văn thư (clerk), lãnh đạo (leader), chuyên viên
 * (specialist), quản trị (admin of an agency) and the city-level administrator.
 */
export const roles = ['clerk', 'leader', 'specialist', 'admin', 'city-admin'] as const;
export type Role = (typeof roles)[number];

export const principalSchema = z.object({
  sub: z.string().min(1).max(128),
  /** Mã định danh (QCVN 102 form) of the user's agency. */
  organId: agencyCode102Schema,
  roles: z.array(z.enum(roles)).min(1),
  name: z.string().min(1).max(200),
});

export type Principal = z.infer<typeof principalSchema>;
