import * as z from 'zod';
import { principalSchema } from '#domain/identity/principal';
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

export const openapiContract = defineContract({
  operationId: 'openapi',
  method: 'GET',
  path: '/openapi.json',
  tag: 'system',
  summary: 'This OpenAPI 3.1 document, generated from the route contracts',
  auth: 'none',
  ports: [],
  body: undefined,
  query: undefined,
  params: undefined,
  response: z.record(z.string(), z.unknown()),
  status: 200,
  errors: [],
});

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
