import { emptyTotals, sumChanges, type CounterChange } from '#domain/kpi/counters';
import { authorize } from '#domain/identity/permissions';
import type { RebuiltCounters } from '#domain/kpi/store';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * Rebuilds every counter of a year — the agencies', the actors' (by history action) and the responsible
 * people's and units' — (for upgrades and audits) from the changes the stored history implies, each
 * computed by the same functions as the live path (counterChanges, recordChange, …), and writes them over
 * the old counters, removing the ones the history no longer gives. Returns the rebuilt items.
 *
 * @example
 * const rebuilt = await rebuildCounters(deps, ctx, 2026, historyChanges(client, tableName));
 */
export async function rebuildCounters(deps: Pick<Dependencies, 'kpi'>, ctx: RequestContext, year: number, changes: AsyncIterable<CounterChange>): Promise<RebuiltCounters> {
  authorize(ctx.principal, 'kpi.rebuild');
  const totals = emptyTotals();
  for await (const change of changes) if (change.year === year) sumChanges(totals, change);
  const named = (name: string | undefined) => (name === undefined ? {} : { name });
  const rebuilt: RebuiltCounters = {
    agencies: [...totals.agencies.values()].map(({ organId, counts }) => ({ organId, counts })),
    people: [...totals.people.values()].map(({ organId, sub, name, counts }) => ({ organId, sub, ...named(name), counts })),
    assignees: [...totals.assignees.values()].map(({ organId, key, kind, name, counts }) => ({ organId, key, kind, ...named(name), counts })),
  };
  await deps.kpi.replaceCounters(year, rebuilt);
  return rebuilt;
}
