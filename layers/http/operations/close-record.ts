import { defineContract } from '../contract.ts';
import { problems, recordParams, workRecordSchema } from '../contracts/records.ts';

export const closeRecordContract = defineContract({
  operationId: 'closeRecord',
  method: 'POST',
  path: '/records/{id}/close',
  tag: 'records',
  summary: 'Close a work record (kết thúc hồ sơ); no documents can be added afterwards',
  auth: 'jwt',
  permission: 'record.write',
  ports: ['clock', 'records'],
  body: undefined,
  query: undefined,
  params: recordParams,
  response: workRecordSchema,
  status: 200,
  errors: [...problems, 409],
});
