import * as z from 'zod';
import { principalSchema } from '#domain/identity/principal';
import { defineContract } from '../contract.ts';

export const devTokenContract = defineContract({
  operationId: 'devToken',
  method: 'POST',
  path: '/dev/token',
  tag: 'system',
  summary: 'LOCAL RUNTIME ONLY: a signed development token for the given claims (never deployed)',
  auth: 'none',
  ports: [],
  runtime: { localOnly: true },
  body: principalSchema,
  query: undefined,
  params: undefined,
  response: z.object({ token: z.string(), expiresIn: z.number().int() }),
  status: 200,
  errors: [400],
});
