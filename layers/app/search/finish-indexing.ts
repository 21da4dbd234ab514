import type { IndexingReport } from '#domain/documents/store';
import type { Dependencies } from '../context.ts';

/** Pending items younger than this are left to the write that put them (it indexes right after its commit). */
export const PENDING_GRACE_MS = 60_000;
const AGENCY_PAGE = 100;

/**
 * The search index's sweeper (docs/DATA.md, Search): indexes what writes left pending — a function that
 * stopped between its commit and its indexing — in the directory, then in every agency of it. Searches find
 * pending entries meanwhile; this keeps them few. Stops when `timeLeftMs` runs low; the next run goes on.
 */
export async function finishIndexing(
  deps: Pick<Dependencies, 'agencies' | 'clock' | 'documents'>,
  options: { readonly timeLeftMs: () => number },
): Promise<IndexingReport & { readonly agencies: number }> {
  const before = new Date(deps.clock.now().getTime() - PENDING_GRACE_MS).toISOString();
  const total = { ...(await deps.agencies.finishIndexing(before, options.timeLeftMs)), agencies: 0 };
  let nextToken: string | undefined;
  do {
    const page = await deps.agencies.list({ limit: AGENCY_PAGE, ...(nextToken === undefined ? {} : { nextToken }) });
    for (const agency of page.items) {
      const report = await deps.documents.finishIndexing(agency.code102, before, options.timeLeftMs);
      total.finished += report.finished;
      total.removed += report.removed;
      total.left += report.left;
      total.agencies += 1;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && options.timeLeftMs() > 5_000);
  return total;
}
