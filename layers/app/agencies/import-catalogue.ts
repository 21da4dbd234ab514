import { readCatalogueRow } from '#domain/agency/catalogue';
import { applyUpdate, newUnit, sameContent, type OrganisationUnit } from '#domain/agency/unit';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { change } from './directory.ts';

const CHUNK = 100;
/** Rejections listed in full; beyond this only counted (a broken file must not make a huge answer). */
const MAX_LISTED_REJECTIONS = 1000;

export interface ImportReport {
  readonly total: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly rejections: readonly { readonly row: number; readonly id?: string; readonly reason: string }[];
}

/**
 * Imports the national axis agency catalogue (`getAgenciesList` rows). Idempotent: a row equal to the
 * stored unit changes nothing, so a second import of the same file reports everything unchanged.
 * Streams: rows are read, compared and written in chunks of 100, so memory stays flat for any size.
 *
 * @example
 * const report = await importCatalogue(deps, ctx, readJsonArray(file));
 * // { total: 120000, created: 120000, updated: 0, unchanged: 0, rejected: 0, rejections: [] }
 */
export async function importCatalogue(deps: Dependencies, ctx: RequestContext, rows: AsyncIterable<unknown>): Promise<ImportReport> {
  authorize(ctx.principal, 'agency.import');
  const counts = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejections: { row: number; id?: string; reason: string }[] = [];
  const seen = new Set<string>();
  const reject = (row: number, reason: string, id?: string) => {
    counts.rejected += 1;
    if (rejections.length < MAX_LISTED_REJECTIONS) rejections.push({ row, reason, ...(id === undefined ? {} : { id }) });
  };

  let chunk: { row: number; unit: ReturnType<typeof newUnit> }[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const existing = await deps.agencies.getMany(chunk.map((c) => c.unit.code102));
    const writes: { row: number; unit: OrganisationUnit; before: OrganisationUnit | null }[] = [];
    for (const { row, unit } of chunk) {
      const current = existing.get(unit.code102);
      if (current === undefined) writes.push({ row, unit, before: null });
      else if (sameContent(current, { ...current, ...unit })) counts.unchanged += 1;
      else writes.push({ row, unit: applyUpdate(current, unit, deps.clock.now()), before: current });
    }
    const outcomes = await deps.agencies.save(writes.map((w) => ({ unit: w.unit, change: change(ctx, 'import', w.before, w.unit) })));
    outcomes.forEach((outcome, i) => {
      const write = writes[i];
      if (write === undefined) return;
      if (outcome === 'conflict') reject(write.row, 'changed concurrently by someone else; import again', write.unit.catalogueId);
      else if (write.before === null) counts.created += 1;
      else counts.updated += 1;
    });
    chunk = [];
  };

  for await (const raw of rows) {
    counts.total += 1;
    const row = counts.total;
    const reading = readCatalogueRow(raw);
    if (!reading.ok) {
      reject(row, reading.reason, idOf(raw));
      continue;
    }
    if (seen.has(reading.unit.code102)) {
      reject(row, `code ${reading.unit.code102} appears more than once in this file`, reading.unit.catalogueId);
      continue;
    }
    seen.add(reading.unit.code102);
    try {
      chunk.push({ row, unit: newUnit(reading.unit, deps.clock.now()) });
    } catch (error) {
      reject(row, (error as Error).message, reading.unit.catalogueId);
    }
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return { ...counts, rejections };
}

function idOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : undefined;
}
