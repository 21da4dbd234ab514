import type { Page } from '#domain/documents/store';
import { NotFoundError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { recordXml } from '#domain/records/export-xml';
import type { RecordEntry, WorkRecord } from '#domain/records/record';
import { recordView, summarise, type DocumentSummary, type RecordView } from '#domain/records/summary';
import type { Dependencies, RequestContext } from '../context.ts';
import { getDocument } from '#app/documents/read-documents';
import { mayRead } from '#domain/documents/visibility';

/**
 * Reads a record with its documents in ordinal order. Another agency's record is reported as not found,
 * so record ids cannot be probed.
 *
 * @example
 * const view = await getRecord(deps, ctx, '01J...');
 * view.documents.map((d) => d.ordinal) // [1, 2, 3]
 */
export async function getRecord(deps: Dependencies, ctx: RequestContext, id: string): Promise<RecordView> {
  authorize(ctx.principal, 'record.read');
  const record = await findRecord(deps, ctx, id);
  const entries = await deps.records.entries(record.id);
  const { visible, hidden } = await summaries(deps, ctx, record, entries);
  // A secret document the caller may not read is not shown at all, not even as an entry of the record.
  if (hidden.size === 0) return recordView(record, entries, visible);
  return recordView(
    { ...record, documentCount: entries.length - hidden.size },
    entries.filter((entry) => !hidden.has(entry.documentId)),
    visible,
  );
}

/** The XML export file of a record: its metadata and its documents' metadata (layers/domain/records/export-xml.ts). */
export async function exportRecordXml(deps: Dependencies, ctx: RequestContext, id: string): Promise<RecordExport> {
  const view = await getRecord(deps, ctx, id);
  return { fileName: `${view.fileCode}.xml`, contentType: 'application/xml; charset=utf-8', body: recordXml(view, deps.clock.now()) };
}

export interface RecordExport {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: string;
}

/** The caller's agency's records by year and FileCode. */
export async function listRecords(deps: Dependencies, ctx: RequestContext, input: { year?: number; limit: number; nextToken?: string }): Promise<Page<WorkRecord>> {
  authorize(ctx.principal, 'record.read');
  return deps.records.list({ organId: ctx.principal.organId, ...input });
}

/** The records of the caller's agency that hold a document, each with the document's ordinal in it. */
export async function recordsOfDocument(deps: Dependencies, ctx: RequestContext, documentId: string): Promise<readonly (WorkRecord & { documentOrdinal: number })[]> {
  authorize(ctx.principal, 'record.read');
  await getDocument(deps, ctx, documentId);
  const memberships = await deps.records.membershipsOf(documentId);
  const records = await deps.records.getMany(memberships.map((m) => m.recordId));
  return memberships.flatMap((membership) => {
    const record = records.get(membership.recordId);
    return record === undefined || record.organId !== ctx.principal.organId ? [] : [{ ...record, documentOrdinal: membership.ordinal }];
  });
}

/** A record of the caller's agency, or NotFoundError. */
export async function findRecord(deps: Dependencies, ctx: RequestContext, id: string): Promise<WorkRecord> {
  const record = await deps.records.get(id);
  if (record === undefined || record.organId !== ctx.principal.organId) {
    throw new NotFoundError(`No work record ${id} in your agency.`, { details: { id } });
  }
  return record;
}

const PARALLEL_READS = 25;

/**
 * Summaries of the record's documents, read from the documents themselves (never copied into the record).
 * Only documents of the record's agency are shown (membership is checked on add, this guards the read), and
 * a secret one only to those who may read it (need-to-know): the others are `hidden`.
 */
async function summaries(
  deps: Dependencies,
  ctx: RequestContext,
  record: WorkRecord,
  entries: readonly RecordEntry[],
): Promise<{ visible: ReadonlyMap<string, DocumentSummary>; hidden: ReadonlySet<string> }> {
  const visible = new Map<string, DocumentSummary>();
  const hidden = new Set<string>();
  const ids = [...new Set(entries.map((entry) => entry.documentId))];
  for (let i = 0; i < ids.length; i += PARALLEL_READS) {
    const documents = await Promise.all(ids.slice(i, i + PARALLEL_READS).map((id) => deps.documents.getDocument(id)));
    for (const document of documents) {
      if (document === undefined || document.organId !== record.organId) continue;
      if (mayRead(ctx.principal, document)) visible.set(document.id, summarise(document));
      else hidden.add(document.id);
    }
  }
  return { visible, hidden };
}
