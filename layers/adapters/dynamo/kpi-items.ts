import type { CounterChange } from '#domain/kpi/counters';
import { SCHEMA_VERSION } from './keys.ts';

/**
 * KPI counter items (docs/DATA.md, "KPI counters"): an agency's counters of a year live in the agency's own
 * partition `KPI#<year>#<organId>` — `AGENCY` for the agency, `PERSON#<sub>` for each person — and are ADDed
 * in the same transaction as the change they count. No key is shared by two agencies, so the city's changes
 * spread over one partition per agency instead of meeting on one hot `KPI#<year>` partition (and conflicting
 * there); a report reads the agencies' items by key (BatchGetItem over the directory, kpi-store.ts).
 */
export const kpiKeys = {
  agency: (year: number, organId: string) => ({ pk: `KPI#${year}#${organId}`, sk: 'AGENCY' }),
  person: (year: number, organId: string, sub: string) => ({ pk: `KPI#${year}#${organId}`, sk: `PERSON#${sub}` }),
  personPartition: (year: number, organId: string) => `KPI#${year}#${organId}`,
} as const;

export function counterUpdates(tableName: string, change: CounterChange | undefined) {
  if (change === undefined) return [];
  const updates = [addCounts(tableName, kpiKeys.agency(change.year, change.organId), change.agency, { entity: 'KpiCounters', organId: change.organId, year: change.year })];
  if (change.person !== undefined) {
    updates.push(
      addCounts(tableName, kpiKeys.person(change.year, change.organId, change.person.sub), change.person.counts, {
        entity: 'KpiPersonCounters',
        organId: change.organId,
        year: change.year,
        sub: change.person.sub,
      }),
    );
  }
  return updates;
}

function addCounts(tableName: string, key: { pk: string; sk: string }, counts: Readonly<Record<string, number>>, identity: Record<string, string | number>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':schema': SCHEMA_VERSION };
  const adds = Object.entries(counts).map(([metric, delta], i) => {
    names[`#c${i}`] = metric;
    values[`:c${i}`] = delta;
    return `#c${i} :c${i}`;
  });
  const sets = Object.entries(identity).map(([name, value], i) => {
    names[`#i${i}`] = name;
    values[`:i${i}`] = value;
    return `#i${i} = :i${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${[...sets, 'schemaVersion = :schema'].join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
