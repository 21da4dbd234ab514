import { newRecordSchema } from '#domain/records/record';
import { defineContract } from '../contract.ts';
import { workRecordSchema } from '../contracts/records.ts';

export const createRecordContract = defineContract({
  operationId: 'createRecord',
  method: 'POST',
  path: '/records',
  tag: 'records',
  summary: 'Open a work record (lập hồ sơ công việc) with its FileCode (mã hồ sơ)',
  description: 'FileCode = your agency code + year + fileNotation; 409 duplicate-file-code when your agency already has it.',
  auth: 'jwt',
  permission: 'record.write',
  ports: ['clock', 'ids', 'records'],
  body: newRecordSchema,
  query: undefined,
  params: undefined,
  response: workRecordSchema,
  status: 201,
  errors: [400, 401, 403, 409],
});
