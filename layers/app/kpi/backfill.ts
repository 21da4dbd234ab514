import { sumChanges, type CounterChange } from '#domain/kpi/counters';
import { authorize } from '#domain/identity/permissions';
import type { CounterRow } from '#domain/kpi/store';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * Rebuilds the agency counters of a year (for upgrades and audits) from the changes the stored history
 * implies — each computed by the same functions as the live path (counterChanges, recordChange, …) —
 * and writes them over the old counters. Returns the rebuilt rows.
 *
 * @example
 * const rows = await rebuildCounters(deps, ctx, 2026, historyChanges(client, tableName));
 */
export async function rebuildCounters(deps: Pick<Dependencies, 'kpi'>, ctx: RequestContext, year: number, changes: AsyncIterable<CounterChange>): Promise<CounterRow[]> {
  authorize(ctx.principal, 'kpi.rebuild');
  const sums = new Map<string, Record<string, number>>();
  for await (const change of changes) if (change.year === year) sumChanges(sums, change);
  const rows = [...sums.entries()].map(([key, counts]) => ({ organId: key.split('|')[0] ?? '', counts }));
  await deps.kpi.replaceAgencyCounters(year, rows);
  return rows;
}
