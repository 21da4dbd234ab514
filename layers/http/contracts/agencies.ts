import * as z from 'zod';
import { unitKinds } from '#domain/agency/unit';

export const agencySchema = z.object({
  code102: z.string().describe('QCVN 102:2016 form, e.g. 000.00.18.G12'),
  qd20: z.string().describe('QĐ 20/2020/QĐ-TTg form, e.g. G12.18'),
  level: z.number().int().min(1).max(4),
  parentCode102: z.string().nullable(),
  name: z.string(),
  kind: z.enum(unitKinds),
  contact: z.object({ email: z.string().optional(), telephone: z.string().optional(), fax: z.string().optional(), address: z.string().optional(), website: z.string().optional() }),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
  successorCode102: z.string().optional(),
  sample: z.boolean(),
  catalogueId: z.string().optional(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const organParams = z.object({ organId: z.string().min(1).max(40) });
