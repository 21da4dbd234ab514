import { unitInputSchema } from '#domain/agency/unit';
import { agencySchema } from '../contracts/agencies.ts';
import { defineContract } from '../contract.ts';

export const createAgencyContract = defineContract({
  operationId: 'createAgency',
  method: 'POST',
  path: '/agencies',
  tag: 'agencies',
  summary: 'Add an agency (admin of a parent agency, or the city administrator)',
  auth: 'jwt',
  permission: 'agency.write',
  ports: ['agencies', 'clock'],
  body: unitInputSchema,
  query: undefined,
  params: undefined,
  response: agencySchema,
  status: 201,
  errors: [400, 401, 403, 409, 422],
});
