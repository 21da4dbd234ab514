import * as z from 'zod';
import { roles } from '#domain/identity/principal';
import { defineContract } from '../contract.ts';

export const devUsersContract = defineContract({
  operationId: 'devUsers',
  method: 'GET',
  path: '/dev/users',
  tag: 'system',
  summary: "LOCAL RUNTIME ONLY: the SAMPLE users the portal's development sign-in lists (never deployed)",
  auth: 'none',
  ports: [],
  runtime: { localOnly: true },
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.object({
    items: z.array(z.object({ sub: z.string(), organId: z.string(), roles: z.array(z.enum(roles)), name: z.string(), agencyName: z.string() })),
  }),
  status: 200,
  errors: [],
});
