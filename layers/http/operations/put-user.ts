import * as z from 'zod';
import { personBodySchema, personSchema } from '../contracts/people.ts';
import { defineContract } from '../contract.ts';

export const putUserContract = defineContract({
  operationId: 'putUser',
  method: 'PUT',
  path: '/users/{sub}',
  tag: 'people',
  summary:
    "Record or change a user of the admin's agency, linked to the identity provider by sub (the Cognito user's sub): name, position, units of the agency, roles, e-mail, active. A user is never deleted: make them inactive",
  auth: 'jwt',
  permission: 'directory.write',
  ports: ['directory', 'clock'],
  body: personBodySchema,
  query: undefined,
  params: z.object({ sub: z.string().min(1).max(128) }),
  response: personSchema,
  status: 200,
  errors: [400, 401, 403, 409],
});
