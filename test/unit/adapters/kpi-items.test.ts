import { describe, expect, it } from 'vitest';
import { counterUpdates, kpiKeys } from '#adapters/dynamo/kpi-items';
import { recordChange, sentChange, type CounterChange } from '#domain/kpi/counters';

/**
 * The counters of two agencies never share a partition key: a change in one agency cannot meet a change
 * in another on a counter item (issue 14: no partition written by every change in the city).
 */
const YEAR = 2026;
const AGENCIES = ['000.00.91.H26', '000.00.92.H26', '000.91.95.H26'];

function partitionsOf(change: CounterChange): string[] {
  return counterUpdates('table', change).map((update) => update.Update.Key.pk);
}

describe('KPI counter keys', () => {
  it("put every counter write of an agency in that agency's own partition, never in one shared by two agencies", () => {
    // Prepare: the changes of each kind, the same person and month in every agency
    const at = new Date('2026-03-10T03:00:00Z');
    const changesOf = (organId: string): CounterChange[] => [
      { year: YEAR, organId, agency: { received: 1, 'm03:in:paper': 1 }, person: { sub: 'same-person', counts: { registered: 1 } } },
      {
        year: YEAR,
        organId,
        agency: {},
        assignees: [
          { key: 'person:same-person', kind: 'person', counts: { assigned: 1 } },
          { key: 'unit:same-unit', kind: 'unit', counts: { overdueNow: -1 } },
        ],
      },
      recordChange(organId, 'closed', 'online', at),
      sentChange(organId, 'internal', at),
    ];

    // Act
    const written = new Map(AGENCIES.map((organId) => [organId, new Set(changesOf(organId).flatMap(partitionsOf))]));

    // Assess
    for (const [organId, partitions] of written) {
      expect([...partitions]).toEqual([`KPI#${YEAR}#${organId}`]);
      for (const [other, theirs] of written) if (other !== organId) expect([...partitions].filter((pk) => theirs.has(pk))).toEqual([]);
    }
    expect([...written.values()].some((partitions) => partitions.has(`KPI#${YEAR}`))).toBe(false);
  });

  it('write the agency item under the key the report and the rebuild read', () => {
    // Prepare
    const change: CounterChange = { year: YEAR, organId: '000.00.91.H26', agency: { received: 2 } };

    // Act
    const [update] = counterUpdates('table', change);

    // Assess
    expect(update?.Update.Key).toEqual(kpiKeys.agency(YEAR, '000.00.91.H26'));
    expect(kpiKeys.agency(YEAR, '000.00.91.H26').sk).not.toMatch(/^PERSON#/);
  });

  it('write the responsible people and units under ASSIGNEE#<key> of the agency, with their name SET, and no agency item when the agency counts nothing', () => {
    // Prepare: a reassignment of an overdue document: the mark moves from a unit to a person
    const change: CounterChange = {
      year: YEAR,
      organId: '000.00.91.H26',
      agency: {},
      assignees: [
        { key: 'unit:000.00.91.H26/VP', kind: 'unit', name: 'Văn phòng', counts: { overdueNow: -1 } },
        { key: 'person:cv-b', kind: 'person', name: 'Lê Văn B', counts: { assigned: 1, overdueNow: 1 } },
      ],
    };

    // Act
    const updates = counterUpdates('table', change);

    // Assess
    expect(updates.map((u) => u.Update.Key)).toEqual([kpiKeys.assignee(YEAR, '000.00.91.H26', 'unit:000.00.91.H26/VP'), kpiKeys.assignee(YEAR, '000.00.91.H26', 'person:cv-b')]);
    expect(updates[1]?.Update.Key).toEqual({ pk: `KPI#${YEAR}#000.00.91.H26`, sk: 'ASSIGNEE#person:cv-b' });
    const update = updates[1]?.Update;
    const attribute = (name: string) =>
      update?.ExpressionAttributeValues[
        `:${Object.entries(update.ExpressionAttributeNames)
          .find(([, n]) => n === name)?.[0]
          .slice(1)}`
      ];
    expect(update?.UpdateExpression).toMatch(/^SET .* ADD #c0 :c0, #c1 :c1$/);
    expect([attribute('name'), attribute('kind'), attribute('assignee'), attribute('entity'), attribute('assigned'), attribute('overdueNow')]).toEqual([
      'Lê Văn B',
      'person',
      'person:cv-b',
      'KpiAssigneeCounters',
      1,
      1,
    ]);
  });
});
