import * as z from 'zod';
import { fileUploadRequestSchema } from '#domain/files/upload-request';
import { defineContract } from '../contract.ts';
import { documentParams } from '../contracts/files.ts';

export const createFileUploadContract = defineContract({
  operationId: 'createFileUpload',
  method: 'POST',
  path: '/documents/{id}/files',
  tag: 'files',
  summary: 'Announce a file of a document and get a presigned URL to upload it',
  description:
    'PUT the bytes to uploadUrl with requiredHeaders before expiresAt. The upload is then checked against the announced size and SHA-256 (GET the file to see it stored or rejected). ' +
    'Refused with 422 secret-document for secret documents (their content is never stored) and 409 document-issued for issued or revoked outgoing documents.',
  auth: 'jwt',
  permission: 'file.write',
  ports: ['clock', 'documents', 'files', 'ids'],
  grants: { bucket: 'readwrite' },
  body: fileUploadRequestSchema,
  query: undefined,
  params: documentParams,
  response: z.object({
    fileId: z.string(),
    method: z.literal('PUT'),
    uploadUrl: z.string(),
    expiresAt: z.string(),
    requiredHeaders: z.record(z.string(), z.string()).describe('send exactly these headers with the PUT: they are signed'),
  }),
  status: 201,
  errors: [400, 401, 403, 404, 409, 422],
});
