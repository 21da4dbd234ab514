import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { seriesKinds, year } from '../contracts/registers.ts';

export const registerListContract = defineContract({
  operationId: 'listRegisters',
  method: 'GET',
  path: '/registers',
  tag: 'registers',
  summary: 'Every register and series of a year (incoming, incoming secret, each outgoing register and series) with its numbers and export links',
  auth: 'jwt',
  permission: 'register.read',
  ports: ['agencies', 'clock', 'numbering'],
  body: undefined,
  query: z.object({ year }),
  params: undefined,
  response: z.object({
    year: z.number().int(),
    items: z.array(
      z.object({
        direction: z.enum(['incoming', 'outgoing']),
        series: z.string(),
        name: z.string(),
        kind: z.enum([...seriesKinds, 'incoming']),
        secret: z.boolean().describe('the secret series: its numbers are never mistaken for ordinary ones'),
        entries: z.number().int().describe('numbers given in the year'),
        fromNumber: z.number().int().optional(),
        toNumber: z.number().int().optional(),
        exports: z.object({ json: z.string(), csv: z.string(), pdf: z.string() }),
      }),
    ),
  }),
  status: 200,
  errors: [400, 401, 403],
});
