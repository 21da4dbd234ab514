import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { problems, recordParams } from '../contracts/records.ts';

export const exportRecordContract = defineContract({
  operationId: 'exportRecord',
  method: 'GET',
  path: '/records/{id}/export',
  tag: 'records',
  summary: "A record's metadata and its documents' metadata as a file (Phụ lục VI); answered as application/xml",
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'documents', 'records'],
  body: undefined,
  query: z.object({ format: z.enum(['xml'], { error: 'only format=xml is available' }).default('xml') }),
  params: recordParams,
  response: z.string().describe('the XML document (content-type application/xml; charset=utf-8)'),
  status: 200,
  responseTypes: ['application/xml'],
  errors: [...problems],
});
