import * as z from 'zod';
import { defineContract } from '../contract.ts';

export const healthContract = defineContract({
  operationId: 'health',
  method: 'GET',
  path: '/health',
  tag: 'system',
  summary: 'Liveness: answers {status: "ok"}',
  auth: 'none',
  ports: [],
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.object({ status: z.literal('ok'), version: z.string() }),
  status: 200,
  errors: [],
});
