import * as z from 'zod';
import { roles } from '#domain/identity/principal';
import { unitIdSchema } from '#domain/people/unit';
import { personSchema } from '../contracts/people.ts';
import { searchQuery } from '../contracts/search.ts';
import { defineContract } from '../contract.ts';

export const listUsersContract = defineContract({
  operationId: 'listUsers',
  method: 'GET',
  path: '/users',
  tag: 'people',
  summary:
    "The users of the caller's agency by name: members of a unit, holders of a role, and q (every word of the name, position or e-mail, with or without diacritics, the last as typed). Active users only unless an admin asks for inactive ones",
  auth: 'jwt',
  permission: 'directory.read',
  ports: ['directory'],
  body: undefined,
  query: z.object({
    unit: unitIdSchema.optional(),
    role: z.enum(roles).optional(),
    q: searchQuery('words of the name, position or e-mail', 'nguyen van a'),
    includeInactive: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(personSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});
