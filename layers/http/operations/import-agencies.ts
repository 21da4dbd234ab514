import * as z from 'zod';
import { defineContract } from '../contract.ts';

export const importAgenciesContract = defineContract({
  operationId: 'importAgencies',
  method: 'POST',
  path: '/agencies/import',
  tag: 'agencies',
  summary: 'Import the national axis agency catalogue: a JSON array of {id, pid, code, code102, name, mail, …}; idempotent',
  description:
    'Rows are compared with the directory: created, updated, unchanged or rejected (with the row number and reason). A body that is not a JSON array is refused whole (400) and changes nothing.',
  auth: 'jwt',
  permission: 'agency.import',
  ports: ['agencies', 'clock'],
  runtime: { timeoutSeconds: 29, memoryMb: 1024 },
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(z.object({ row: z.number().int(), id: z.string().optional(), reason: z.string() })),
  }),
  status: 200,
  errors: [400, 401, 403, 413],
});
