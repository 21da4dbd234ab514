import { z } from 'zod';
import { defineContract } from '../contract.ts';

export const registerContract = defineContract({
  operationId: 'readRegister',
  method: 'GET',
  path: '/registers/{direction}',
  tag: 'registers',
  summary: 'The incoming or outgoing register (sổ) of a year with the columns of Nghị định 30; JSON pages or CSV (UTF-8 with BOM)',
  auth: 'jwt',
  roles: ['clerk', 'leader', 'admin'],
  body: undefined,
  query: z.object({
    year: z.coerce.number().int().min(2000).max(2100),
    format: z.enum(['json', 'csv']).default('json'),
    series: z.string().regex(/^[a-z0-9-]{1,32}$/).optional().describe('incoming: main or secret; outgoing: the register id (general by default) or secret'),
    limit: z.coerce.number().int().min(1).max(100).default(100),
    nextToken: z.string().max(4096).optional(),
  }),
  params: z.object({ direction: z.enum(['incoming', 'outgoing']) }),
  response: z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.string())), nextToken: z.string().optional() }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403, 422],
});
