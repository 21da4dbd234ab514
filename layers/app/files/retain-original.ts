import * as z from 'zod';
import type { Dependencies } from '../context.ts';

/**
 * The issued original of a document is kept from deletion for the years the stage configures (S3 Object
 * Lock, governance mode; docs/DEPLOY.md, "Backups and retention"). The issue writes a `retain-original`
 * message in its transaction (layers/app/documents/issue.ts); the fileUploaded consumer locks the file's
 * version here. Idempotent: the same date again changes nothing.
 */
export const retainRequestSchema = z.object({ kind: z.literal('retain-original'), documentId: z.string().regex(/^[0-9A-Z]{26}$/) });
export type RetainRequest = z.infer<typeof retainRequestSchema>;

export type RetainOutcome =
  | { readonly kind: 'retained'; readonly fileId: string; readonly until: string }
  | { readonly kind: 'ignored'; readonly reason: 'not-configured' | 'unknown-document' | 'no-original' };

/**
 * Locks the version of the document's issued original until its issue date plus `years` (calendar years).
 * `years` undefined: the stage keeps no Object Lock (the local runtime), nothing is done.
 *
 * @example
 * await retainOriginal(deps, { kind: 'retain-original', documentId }, { years: 10 }); // { kind: 'retained', until: '2036-12-03T…' }
 */
export async function retainOriginal(deps: Pick<Dependencies, 'documents' | 'files'>, request: RetainRequest, policy: { readonly years?: number }): Promise<RetainOutcome> {
  if (policy.years === undefined) return { kind: 'ignored', reason: 'not-configured' };
  const document = await deps.documents.getDocument(request.documentId);
  if (document === undefined) return { kind: 'ignored', reason: 'unknown-document' };
  const issued = document.direction === 'outgoing' ? document.issue : undefined;
  const original = issued?.file === undefined ? undefined : await deps.files.store.get(document.id, issued.file.fileId);
  if (issued === undefined || original === undefined) return { kind: 'ignored', reason: 'no-original' };
  const until = new Date(issued.issuedAt);
  until.setUTCFullYear(until.getUTCFullYear() + policy.years);
  await deps.files.content.retain(original.objectKey, original.versionId, until);
  return { kind: 'retained', fileId: original.fileId, until: until.toISOString() };
}
