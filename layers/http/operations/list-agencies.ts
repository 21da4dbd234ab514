import * as z from 'zod';
import type { AgencyLevel } from '#domain/agency/code';
import { agencySchema } from '../contracts/agencies.ts';
import { searchQuery } from '../contracts/search.ts';
import { defineContract } from '../contract.ts';

export const listAgenciesContract = defineContract({
  operationId: 'listAgencies',
  method: 'GET',
  path: '/agencies',
  tag: 'agencies',
  summary: 'The agency directory by parent or level, sorted by name; q finds every word of the name or code, with or without diacritics',
  auth: 'jwt',
  permission: 'agency.read',
  ports: ['agencies', 'clock'],
  body: undefined,
  query: z.object({
    parent: z.string().max(40).optional().describe('either code form'),
    level: z.coerce
      .number()
      .int()
      .min(1)
      .max(4)
      .transform((n) => n as AgencyLevel)
      .optional(),
    q: searchQuery('the name or code; a whole code in either notation (000.00.00.G12 or G12) finds that agency', 'so noi v'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(agencySchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});
