import { defineContract } from '../contract.ts';
import { documentIdParams, documentSchema } from '../contracts/documents.ts';

export const getDocumentContract = defineContract({
  operationId: 'getDocument',
  method: 'GET',
  path: '/documents/{id}',
  tag: 'documents',
  summary: 'A document of your agency',
  auth: 'jwt',
  permission: 'document.read',
  ports: ['clock', 'documents'],
  body: undefined,
  query: undefined,
  params: documentIdParams,
  response: documentSchema,
  status: 200,
  errors: [400, 401, 403, 404],
});
