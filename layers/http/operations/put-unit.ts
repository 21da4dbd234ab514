import * as z from 'zod';
import { unitIdSchema } from '#domain/people/unit';
import { unitBodySchema, unitSchema } from '../contracts/people.ts';
import { defineContract } from '../contract.ts';

export const putUnitContract = defineContract({
  operationId: 'putUnit',
  method: 'PUT',
  path: '/agencies/{organId}/units/{unitId}',
  tag: 'people',
  summary: "Create or change a unit of the agency (its admin, or the city's): name, kind, parent unit, head, mailbox, active. A unit is never deleted: make it inactive",
  auth: 'jwt',
  permission: 'directory.write',
  ports: ['directory', 'clock'],
  body: unitBodySchema,
  query: undefined,
  params: z.object({ organId: z.string().min(1).max(40), unitId: unitIdSchema }),
  response: unitSchema,
  status: 200,
  errors: [400, 401, 403, 409],
});
