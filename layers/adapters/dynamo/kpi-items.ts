import type { CounterChange } from '#domain/kpi/counters';
import { SCHEMA_VERSION } from './keys.ts';

/**
 * KPI counter items (docs/DATA.md, "KPI counters"): an agency's counters of a year live in the agency's own
 * partition `KPI#<year>#<organId>` — `AGENCY` for the agency, `PERSON#<sub>` for each person by the history
 * actions they performed, `ASSIGNEE#<key>` for each person or unit responsible for work (`person:<sub>`,
 * `unit:<…>`: routing.ts assigneeKey, opaque here) — and are ADDed in the same transaction as the change
 * they count. No key is shared by two agencies, so the city's changes spread over one partition per agency
 * instead of meeting on one hot `KPI#<year>` partition (and conflicting there); a report reads the
 * agencies' items by key (BatchGetItem over the directory, kpi-store.ts) and an agency's people and units
 * with one Query of its partition.
 */
export const kpiKeys = {
  agency: (year: number, organId: string) => ({ pk: `KPI#${year}#${organId}`, sk: 'AGENCY' }),
  person: (year: number, organId: string, sub: string) => ({ pk: `KPI#${year}#${organId}`, sk: `PERSON#${sub}` }),
  assignee: (year: number, organId: string, key: string) => ({ pk: `KPI#${year}#${organId}`, sk: `ASSIGNEE#${key}` }),
  partition: (year: number, organId: string) => `KPI#${year}#${organId}`,
} as const;

/** The sort key prefixes of an agency's counter partition. */
export const kpiPrefixes = { person: 'PERSON#', assignee: 'ASSIGNEE#' } as const;

/**
 * The updates of one change, each item once: the agency's (when the change counts for the agency), the
 * actor's, and each responsible person's or unit's. Counts are ADDed; identity and the latest name are SET.
 */
export function counterUpdates(tableName: string, change: CounterChange | undefined) {
  if (change === undefined) return [];
  const { year, organId } = change;
  const named = (name: string | undefined): Record<string, string> => (name === undefined ? {} : { name });
  return [
    ...(hasCounts(change.agency) ? [addCounts(tableName, kpiKeys.agency(year, organId), change.agency, { entity: 'KpiCounters', organId, year })] : []),
    ...(change.person !== undefined && hasCounts(change.person.counts)
      ? [
          addCounts(tableName, kpiKeys.person(year, organId, change.person.sub), change.person.counts, {
            entity: 'KpiPersonCounters',
            organId,
            year,
            sub: change.person.sub,
            ...named(change.person.name),
          }),
        ]
      : []),
    ...(change.assignees ?? [])
      .filter((assignee) => hasCounts(assignee.counts))
      .map((assignee) =>
        addCounts(tableName, kpiKeys.assignee(year, organId, assignee.key), assignee.counts, {
          entity: 'KpiAssigneeCounters',
          organId,
          year,
          assignee: assignee.key,
          kind: assignee.kind,
          ...named(assignee.name),
        }),
      ),
  ];
}

function hasCounts(counts: Readonly<Record<string, number | undefined>>): boolean {
  return Object.values(counts).some((delta) => delta !== undefined);
}

function addCounts(tableName: string, key: { pk: string; sk: string }, counts: Readonly<Record<string, number | undefined>>, identity: Record<string, string | number>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':schema': SCHEMA_VERSION };
  const adds = Object.entries(counts)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .map(([metric, delta], i) => {
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
