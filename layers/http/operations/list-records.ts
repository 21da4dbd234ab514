import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { workRecordSchema } from '../contracts/records.ts';

export const listRecordsContract = defineContract({
  operationId: 'listRecords',
  method: 'GET',
  path: '/records',
  tag: 'records',
  summary: "Your agency's work records by year and FileCode",
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'records'],
  body: undefined,
  query: z.object({
    year: z.coerce.number().int().min(1945).max(2100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(workRecordSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});
