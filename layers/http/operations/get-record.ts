import { defineContract } from '../contract.ts';
import { problems, recordParams, recordViewSchema } from '../contracts/records.ts';

export const getRecordContract = defineContract({
  operationId: 'getRecord',
  method: 'GET',
  path: '/records/{id}',
  tag: 'records',
  summary: 'A work record of your agency with its documents in ordinal order',
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'documents', 'records'],
  body: undefined,
  query: undefined,
  params: recordParams,
  response: recordViewSchema,
  status: 200,
  errors: [...problems],
});
