import * as z from 'zod';
import { fileStatuses, rejectionCodes } from '#domain/files/file';

const id = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, `expected a ${what} id (26 characters)`);
export const documentParams = z.object({ id: id('document') });
export const fileParams = z.object({ id: id('document'), fileId: id('file') });

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
