import * as z from 'zod';
import { defineContract } from '../contract.ts';

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
