import { defineContract } from '../contract.ts';
import { fileParams, fileSchema } from '../contracts/files.ts';

export const getFileContract = defineContract({
  operationId: 'getFile',
  method: 'GET',
  path: '/documents/{id}/files/{fileId}',
  tag: 'files',
  summary: 'A file of a document: metadata, check result, verification, and a download URL once stored',
  auth: 'jwt',
  permission: 'file.read',
  ports: ['clock', 'documents', 'files'],
  grants: { bucket: 'read' },
  body: undefined,
  query: undefined,
  params: fileParams,
  response: fileSchema,
  status: 200,
  errors: [400, 401, 403, 404],
});
