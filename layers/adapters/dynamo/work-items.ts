import { workDelta } from '#domain/work/work';
import type { Document } from '#domain/documents/document';
import { SCHEMA_VERSION, type Key } from './keys.ts';

/**
 * "My work" counters (docs/DATA.md, "Work counters"): per agency and owner — `WORK#<organId>` / `agency`,
 * `person:<sub>`, `unit:<organId>/<unitId>` — one number per bucket, ADDed in the transaction of each
 * change from the difference between the document before and after it (layers/domain/work/work.ts).
 */
export const workKeys = {
  owner: (organId: string, owner: string): Key => ({ pk: `WORK#${organId}`, sk: owner }),
  partition: (organId: string) => `WORK#${organId}`,
} as const;

/** The transaction items a change of a document makes to the work counters (none when no work moves). */
export function workUpdates(tableName: string, before: Document | undefined, after: Document | undefined) {
  const organId = after?.organId ?? before?.organId;
  if (organId === undefined) return [];
  return [...workDelta(before, after)].map(([owner, counts]) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':schema': SCHEMA_VERSION, ':entity': 'WorkCounters', ':organId': organId };
    const adds = Object.entries(counts).map(([bucket, delta], i) => {
      names[`#b${i}`] = bucket;
      values[`:b${i}`] = delta;
      return `#b${i} :b${i}`;
    });
    return {
      Update: {
        TableName: tableName,
        Key: workKeys.owner(organId, owner),
        UpdateExpression: `SET entity = :entity, schemaVersion = :schema, organId = :organId ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}
