import { defineContract } from '../contract.ts';
import { numberingViewSchema, organParams } from '../contracts/registers.ts';

export const readNumberingContract = defineContract({
  operationId: 'readNumbering',
  method: 'GET',
  path: '/agencies/{organId}/numbering',
  tag: 'registers',
  summary: "The agency's ký hiệu, its registers (sổ) and the system's series, each with its next number for the current year",
  auth: 'jwt',
  permission: 'numbering.read',
  ports: ['clock', 'numbering'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: numberingViewSchema,
  status: 200,
  errors: [400, 401, 403],
});
