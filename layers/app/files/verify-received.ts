import * as z from 'zod';
import type { DocumentFile } from '#domain/files/file';
import type { Dependencies } from '../context.ts';
import { verifyPdf } from './check-upload.ts';

/**
 * A stored file whose PDF signatures are still to be verified: an attachment received from the axis. The
 * receiver streams packages in bounded memory and leaves verification, which reads a PDF whole, to the
 * fileUploaded consumer through this message (docs/EXCHANGE.md).
 */
export const verifyRequestSchema = z.object({ verify: z.object({ documentId: z.string().regex(/^[0-9A-Z]{26}$/), fileId: z.string().regex(/^[0-9A-Z]{26}$/) }) });
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export function verifyRequest(file: Pick<DocumentFile, 'documentId' | 'fileId'>): VerifyRequest {
  return { verify: { documentId: file.documentId, fileId: file.fileId } };
}

export type VerifyOutcome =
  | { readonly kind: 'verified'; readonly file: DocumentFile }
  | { readonly kind: 'ignored'; readonly reason: 'unknown-file' | 'not-a-stored-pdf' | 'already-verified' | 'no-verifier' };

/**
 * Verifies a stored PDF's signatures once and records the verdict on the file; idempotent (a repeated
 * request finds it verified).
 */
export async function verifyStoredFile(deps: Pick<Dependencies, 'files'>, request: VerifyRequest['verify']): Promise<VerifyOutcome> {
  const file = await deps.files.store.get(request.documentId, request.fileId);
  if (file === undefined) return { kind: 'ignored', reason: 'unknown-file' };
  if (file.status !== 'stored' || file.contentType !== 'application/pdf') return { kind: 'ignored', reason: 'not-a-stored-pdf' };
  if (file.verification !== undefined) return { kind: 'ignored', reason: 'already-verified' };
  const verification = await verifyPdf(deps, file, file.objectKey, file.versionId);
  if (verification === undefined) return { kind: 'ignored', reason: 'no-verifier' };
  const recorded = await deps.files.store.recordVerification(file, verification);
  return recorded === undefined ? { kind: 'ignored', reason: 'already-verified' } : { kind: 'verified', file: recorded };
}
