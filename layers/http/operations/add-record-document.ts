import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { entrySchema, problems, recordParams, ulid } from '../contracts/records.ts';

export const addRecordDocumentContract = defineContract({
  operationId: 'addRecordDocument',
  method: 'POST',
  path: '/records/{id}/documents',
  tag: 'records',
  summary: 'Add a document of your agency to an open record as its next ordinal (the document is not copied)',
  description: '409 document-already-in-record when it is in this record already; 409 record-closed when the record is closed.',
  auth: 'jwt',
  permission: 'record.write',
  ports: ['clock', 'documents', 'records'],
  body: z.object({ documentId: ulid('document') }),
  query: undefined,
  params: recordParams,
  response: entrySchema,
  status: 201,
  errors: [...problems, 409],
});
