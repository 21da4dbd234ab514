import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { documentParams, fileSchema } from '../contracts/files.ts';

export const listFilesContract = defineContract({
  operationId: 'listFiles',
  method: 'GET',
  path: '/documents/{id}/files',
  tag: 'files',
  summary: 'The files of a document, in upload order (get one for its download URL)',
  auth: 'jwt',
  permission: 'file.read',
  ports: ['clock', 'documents', 'files'],
  body: undefined,
  query: z.object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: documentParams,
  response: z.object({ items: z.array(fileSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403, 404],
});
