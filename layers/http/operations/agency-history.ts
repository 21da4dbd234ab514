import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { organParams } from '../contracts/agencies.ts';

export const agencyHistoryContract = defineContract({
  operationId: 'agencyHistory',
  method: 'GET',
  path: '/agencies/{organId}/history',
  tag: 'agencies',
  summary: 'Every version of an agency: who changed what, when, from which source',
  auth: 'jwt',
  permission: 'agency.read',
  ports: ['agencies', 'clock'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: z.object({
    items: z.array(
      z.object({
        version: z.number().int(),
        at: z.string(),
        by: z.object({ sub: z.string(), name: z.string() }),
        source: z.enum(['api', 'import', 'sample']),
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  status: 200,
  errors: [400, 401, 403, 404],
});
