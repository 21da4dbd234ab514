import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { year } from '../contracts/registers.ts';

export const registerContract = defineContract({
  operationId: 'readRegister',
  method: 'GET',
  path: '/registers/{direction}',
  tag: 'registers',
  summary: 'The incoming or outgoing register (sổ) of a year with the columns of Nghị định 30: JSON pages, CSV (UTF-8 with BOM) or a printable PDF with its cover',
  description: 'Dates are Vietnam dates (UTC+7). Rows of the secret series carry the Độ mật column.',
  auth: 'jwt',
  permission: 'register.read',
  ports: ['agencies', 'clock', 'documents', 'files', 'numbering'],
  grants: { bucket: 'readwrite' },
  runtime: { timeoutSeconds: 29, memoryMb: 1024, printsPdf: true },
  body: undefined,
  query: z.object({
    year,
    format: z.enum(['json', 'csv', 'pdf']).default('json'),
    series: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .optional()
      .describe('incoming: main or secret; outgoing: a register id (general by default) or a system series (secret, copies, legal-qd, legal-nq); GET /registers lists them'),
    limit: z.coerce.number().int().min(1).max(100).default(100),
    nextToken: z.string().max(4096).optional(),
  }),
  params: z.object({ direction: z.enum(['incoming', 'outgoing']) }),
  response: z.object({
    register: z.object({ series: z.string(), name: z.string(), secret: z.boolean() }),
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.string())),
    nextToken: z.string().optional(),
  }),
  status: 200,
  responseTypes: ['text/csv', 'application/pdf'],
  errors: [400, 401, 403, 422],
});
