import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { problems, ulid, workRecordSchema } from '../contracts/records.ts';

export const documentRecordsContract = defineContract({
  operationId: 'documentRecords',
  method: 'GET',
  path: '/documents/{id}/records',
  tag: 'records',
  summary: 'The work records of your agency that hold a document, with its ordinal in each',
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'documents', 'records'],
  body: undefined,
  query: undefined,
  params: z.object({ id: ulid('document') }),
  response: z.object({ items: z.array(workRecordSchema.extend({ documentOrdinal: z.number().int().positive() })) }),
  status: 200,
  errors: [...problems],
});
