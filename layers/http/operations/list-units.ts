import * as z from 'zod';
import { organParams } from '../contracts/agencies.ts';
import { unitSchema } from '../contracts/people.ts';
import { defineContract } from '../contract.ts';

export const listUnitsContract = defineContract({
  operationId: 'listUnits',
  method: 'GET',
  path: '/agencies/{organId}/units',
  tag: 'people',
  summary:
    "The units inside an agency (phòng, ban, tổ), active or not, by id: what work is assigned to besides a person. Only the caller's agency (404 for another), any for the city's admin",
  auth: 'jwt',
  permission: 'directory.read',
  ports: ['directory'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: z.object({ items: z.array(unitSchema) }),
  status: 200,
  errors: [400, 401, 403, 404],
});
