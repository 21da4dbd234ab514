import { agencySchema, organParams } from '../contracts/agencies.ts';
import { defineContract } from '../contract.ts';

export const getAgencyContract = defineContract({
  operationId: 'getAgency',
  method: 'GET',
  path: '/agencies/{organId}',
  tag: 'agencies',
  summary: 'One agency by either code form (000.00.18.G12 or G12.18)',
  auth: 'jwt',
  permission: 'agency.read',
  ports: ['agencies', 'clock'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: agencySchema,
  status: 200,
  errors: [400, 401, 403, 404],
});
