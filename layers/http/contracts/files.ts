import * as z from 'zod';
import { fileStatuses, rejectionCodes } from '#domain/files/file';
import { fileUploadRequestSchema } from '#domain/files/upload-request';
import { defineContract, type RouteContract } from '../contract.ts';

const id = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, `expected a ${what} id (26 characters)`);
const documentParams = z.object({ id: id('document') });
const fileParams = z.object({ id: id('document'), fileId: id('file') });

/** A file of a document as the API returns it. */
export const fileSchema = z.object({
  fileId: z.string(),
  documentId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().describe('declared size in bytes'),
  sha256: z.string().describe('declared SHA-256, hex'),
  status: z.enum(fileStatuses).describe('pending until the upload is checked; then stored, or rejected with a reason'),
  uploadedBy: z.object({ sub: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  actualSha256: z.string().optional().describe('SHA-256 of what arrived'),
  actualSize: z.number().int().optional(),
  versionId: z.string().optional().describe('S3 version id of the checked object'),
  checkedAt: z.string().optional(),
  rejection: z.object({ code: z.enum(rejectionCodes), message: z.string() }).optional(),
  verification: z
    .object({ verdict: z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']), verifiedAt: z.string(), report: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe('PDF signature verification; null until verified'),
  downloadUrl: z.string().optional().describe('presigned GET of the checked version, valid 5 minutes; only when stored'),
  downloadExpiresAt: z.string().optional(),
});

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

/** Route contracts of the files area (appended to allContracts in ./index.ts). */
export const fileContracts: readonly RouteContract[] = [createFileUploadContract, listFilesContract, getFileContract, getReceivedPackageContract];
