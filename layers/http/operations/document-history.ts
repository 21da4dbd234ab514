import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { documentIdParams, historyEventSchema } from '../contracts/documents.ts';

export const documentHistoryContract = defineContract({
  operationId: 'documentHistory',
  method: 'GET',
  path: '/documents/{id}/history',
  tag: 'documents',
  summary: 'The full audit trail of a document: who, in which role, when, what, before and after',
  auth: 'jwt',
  permission: 'document.read',
  ports: ['clock', 'documents'],
  body: undefined,
  query: undefined,
  params: documentIdParams,
  response: z.object({ items: z.array(historyEventSchema) }),
  status: 200,
  errors: [400, 401, 403, 404],
});
