import { unitUpdateSchema } from '#domain/agency/unit';
import { agencySchema, organParams } from '../contracts/agencies.ts';
import { defineContract } from '../contract.ts';

export const updateAgencyContract = defineContract({
  operationId: 'updateAgency',
  method: 'PUT',
  path: '/agencies/{organId}',
  tag: 'agencies',
  summary: 'Change an agency: a new version; send expectedVersion (409 if it changed since). Set effectiveTo and successorCode102 to record a merger.',
  auth: 'jwt',
  permission: 'agency.write',
  ports: ['agencies', 'clock'],
  body: unitUpdateSchema,
  query: undefined,
  params: organParams,
  response: agencySchema,
  status: 200,
  errors: [400, 401, 403, 404, 409],
});
