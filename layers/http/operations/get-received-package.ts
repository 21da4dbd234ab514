import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { documentParams } from '../contracts/files.ts';

export const getReceivedPackageContract = defineContract({
  operationId: 'getReceivedPackage',
  method: 'GET',
  path: '/documents/{id}/package',
  tag: 'files',
  summary: 'The edXML package an incoming document arrived in through the axis, as it came (signature and all): its SHA-256, size and a download URL',
  auth: 'jwt',
  permission: 'file.read',
  ports: ['clock', 'documents', 'files'],
  grants: { bucket: 'read' },
  body: undefined,
  query: undefined,
  params: documentParams,
  response: z.object({
    documentId: z.string(),
    axisDocId: z.string().describe("the axis's id of the package"),
    fromOrganId: z.string().optional().describe('the sender as the package names it (checked against the agency the axis listed)'),
    sha256: z.string().describe('SHA-256 of the bytes the axis delivered, hex'),
    size: z.number().int(),
    downloadUrl: z.string().optional().describe('presigned GET of exactly those bytes, valid 5 minutes; never for a secret document'),
    downloadExpiresAt: z.string().optional(),
  }),
  status: 200,
  errors: [400, 401, 403, 404],
});
