import { ConflictError, NotFoundError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { appendDocument, assertRecordOpen, closeWorkRecord, newWorkRecord, type NewRecord, type RecordEntry, type WorkRecord } from '#domain/records/record';
import type { Dependencies, RequestContext } from '../context.ts';
import { getDocument } from '#app/documents/read-documents';
import { findRecord } from './read-records.ts';

/**
 * Opens a work record (lập hồ sơ) of the caller's agency. Its FileCode is unique in the agency: a second
 * record with the same code is refused with 409 `duplicate-file-code` naming the existing record.
 *
 * @example
 * const record = await createRecord(deps, ctx, newRecordSchema.parse({ fileNotation: '01.TH', title: 'Hồ sơ ...', maintenance: 'permanent' }));
 * record.fileCode // '000.00.91.H26.2026.01.TH'
 */
export async function createRecord(deps: Dependencies, ctx: RequestContext, input: NewRecord): Promise<WorkRecord> {
  authorize(ctx.principal, 'record.write');
  const record = newWorkRecord(input, { id: deps.ids.next(), principal: ctx.principal, now: deps.clock.now() });
  const outcome = await deps.records.create(record);
  if (outcome.kind === 'duplicate') {
    throw new ConflictError('duplicate-file-code', `Your agency already has a work record with the code ${record.fileCode}; choose another file notation or year.`, {
      errors: [{ path: 'body.fileNotation', message: `${record.fileCode} is taken` }],
      details: { fileCode: record.fileCode, existingId: outcome.existingId },
    });
  }
  return record;
}

/**
 * Adds a document of the caller's agency to an open record as its next ordinal. The document is not copied
 * or changed; it may sit in other records too. 409 `document-already-in-record` when it is in this one,
 * 409 `record-closed` when the record is closed.
 */
export async function addDocumentToRecord(deps: Dependencies, ctx: RequestContext, recordId: string, documentId: string): Promise<RecordEntry> {
  authorize(ctx.principal, 'record.write');
  let record = await findRecord(deps, ctx, recordId);
  assertRecordOpen(record, 'add documents to it');
  await getDocument(deps, ctx, documentId).catch((error: unknown) => {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(error.message, { errors: [{ path: 'body.documentId', message: 'no such document in your agency' }], details: error.details, cause: error });
  });
  return retryWhileStale(async () => {
    const change = appendDocument(record, documentId, { principal: ctx.principal, now: deps.clock.now() });
    const outcome = await deps.records.addDocument(record, change.record, change.entry);
    if (outcome === 'added') return change.entry;
    if (outcome === 'duplicate') {
      throw new ConflictError('document-already-in-record', `Document ${documentId} is already in record ${record.fileCode}.`, {
        errors: [{ path: 'body.documentId', message: 'already in this record' }],
        details: { recordId, documentId },
      });
    }
    record = await findRecord(deps, ctx, recordId);
    return undefined;
  });
}

/** Closes a record (kết thúc hồ sơ): no documents can be added afterwards; 409 `record-closed` if it already is. */
export async function closeRecord(deps: Dependencies, ctx: RequestContext, recordId: string): Promise<WorkRecord> {
  authorize(ctx.principal, 'record.write');
  let record = await findRecord(deps, ctx, recordId);
  return retryWhileStale(async () => {
    const closed = closeWorkRecord(record, { principal: ctx.principal, now: deps.clock.now() });
    if ((await deps.records.close(record, closed)) === 'closed') return closed;
    record = await findRecord(deps, ctx, recordId);
    return undefined;
  });
}

const MAX_ATTEMPTS = 30;

/**
 * Runs `attempt` until it returns a value. `undefined` means another writer changed the record first: the
 * attempt has re-read it and is tried again after a short jittered pause (the domain rules are applied to
 * the fresh record, so a record closed meanwhile is refused, not overwritten).
 */
async function retryWhileStale<T>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let n = 1; n <= MAX_ATTEMPTS; n += 1) {
    const result = await attempt();
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * n)));
  }
  throw new Error(`The record stayed contended after ${MAX_ATTEMPTS} attempts`);
}
