import * as z from 'zod';
import { personSchema } from '../contracts/people.ts';
import { defineContract } from '../contract.ts';

export const getUserContract = defineContract({
  operationId: 'getUser',
  method: 'GET',
  path: '/users/{sub}',
  tag: 'people',
  summary: "A user of the caller's agency; `me` is the caller (404 while the admin has not recorded them in the directory)",
  auth: 'jwt',
  permission: 'directory.read',
  ports: ['directory'],
  body: undefined,
  query: undefined,
  params: z.object({ sub: z.string().min(1).max(128) }),
  response: personSchema,
  status: 200,
  errors: [401, 403, 404],
});
