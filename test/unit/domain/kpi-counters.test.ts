import { describe, expect, it } from 'vitest';
import type { Document } from '#domain/documents/document';
import { historyEvent, type HistoryEvent } from '#domain/documents/history';
import type { IncomingDocument } from '#domain/documents/incoming';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { assigneeKey, type Assignee } from '#domain/documents/routing';
import type { Principal } from '#domain/identity/principal';
import { counterChanges, emptyTotals, historyCounterChanges, sumChanges, type CounterChange } from '#domain/kpi/counters';
import { responsibleKpis } from '#domain/kpi/report';
import { incomingDocument } from '../reminders/fixtures.ts';

/**
 * KPIs of the people and units responsible for the work (issue 17, item 5): derived by the same
 * counterChanges as the agency's, from one history event and the document as it left it.
 */
const AGENCY = '000.00.91.H26';
const leader: Principal = { sub: 'ld-01', organId: AGENCY, roles: ['leader'], name: 'Nguyễn Văn Lãnh Đạo' };
const clerk: Principal = { sub: 'vt-01', organId: AGENCY, roles: ['clerk'], name: 'Văn thư' };
const watcher: Principal = { sub: 'system:deadline-watcher', organId: AGENCY, roles: [], name: 'Hệ thống nhắc hạn xử lý' };
const personA: Assignee = { kind: 'person', sub: 'cv-a', name: 'Trần Thị A' };
const personB: Assignee = { kind: 'person', sub: 'cv-b', name: 'Lê Văn B' };
/** A unit of the agency as the directory names it (the key is opaque here: whatever assigneeKey says). */
const office = { kind: 'unit', organId: AGENCY, unitId: 'VP', name: 'Văn phòng' } as Assignee;
/** A unit as assignments before the directory named it: the agency itself. */
const wholeAgency: Assignee = { kind: 'unit', organId: AGENCY, name: 'UBND phường' };

/** The shared registered document (15/QĐ-BTC, registered 21/11/2026) under this file's id. */
function registered(overrides: Partial<IncomingDocument> = {}): IncomingDocument {
  return incomingDocument({ id: '01JKPI0000000000000000000A', subject: 'Về việc giao dự toán', registeredBy: { sub: clerk.sub, name: clerk.name }, ...overrides });
}

/** The next version and its history event, with the changed fields before and after (as commitChange writes them). */
function step<D extends Document>(current: D, changes: Partial<D>, action: string, at: string, by: Principal): { next: D; event: HistoryEvent } {
  const next = { ...current, ...changes, version: current.version + 1, updatedAt: at } as D;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (name === 'version' || name === 'updatedAt') continue;
    const x = (current as unknown as Record<string, unknown>)[name];
    const y = (next as unknown as Record<string, unknown>)[name];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    before[name] = x ?? null;
    after[name] = y ?? null;
  }
  return { next, event: historyEvent({ documentId: current.id, sequence: next.version, action, at: new Date(at), principal: by, before, after }) };
}

function assign(current: IncomingDocument, lead: Assignee, at: string, dueDate?: string) {
  return step(
    current,
    {
      status: 'assigned',
      assignment: { lead, coordinators: [], forInformation: [], ...(dueDate === undefined ? {} : { dueDate }), assignedBy: { sub: leader.sub, name: leader.name }, assignedAt: at },
      assigneeKeys: [assigneeKey(lead)],
    },
    current.assignment === undefined ? 'assigned' : 'reassigned',
    at,
    leader,
  );
}

const flagOverdue = (current: IncomingDocument, at: string, since: string) => step(current, { overdueSince: since }, 'overdue', at, watcher);
const complete = (current: IncomingDocument, at: string, by: Principal) =>
  step(current, { status: 'finished', completion: { at, by: { sub: by.sub, name: by.name } } }, 'completed', at, by);

/** The assignee counts of a change, by key. */
function byKey(change: CounterChange | undefined): Record<string, Record<string, number | undefined>> {
  return Object.fromEntries((change?.assignees ?? []).map((a) => [a.key, { ...a.counts }]));
}

describe('counters of the responsible people and units', () => {
  it('counts an assignment for the lead, beside the agency count and the actor count', () => {
    // Prepare
    const { next, event } = assign(registered(), personA, '2026-11-22T02:00:00.000Z', '2026-11-30');
    // Act
    const change = counterChanges(event, next);
    // Assess
    expect(change?.agency).toEqual({ assigned: 1 });
    expect(change?.person).toEqual({ sub: leader.sub, name: leader.name, counts: { assigned: 1 } });
    expect(change?.assignees).toEqual([{ key: 'person:cv-a', kind: 'person', name: 'Trần Thị A', counts: { assigned: 1 } }]);
  });

  it('names a unit by its opaque key, for units of the directory and for the agency as a whole', () => {
    // Act
    const unit = assign(registered(), office, '2026-11-22T02:00:00.000Z');
    const whole = assign(registered(), wholeAgency, '2026-11-22T02:00:00.000Z');
    // Assess
    expect(counterChanges(unit.event, unit.next)?.assignees).toEqual([{ key: assigneeKey(office), kind: 'unit', name: 'Văn phòng', counts: { assigned: 1 } }]);
    expect(byKey(counterChanges(whole.event, whole.next))).toEqual({ [`unit:${AGENCY}`]: { assigned: 1 } });
  });

  it('credits a completion on time to the lead: finished, on time, processing time from arrival', () => {
    // Prepare
    const assigned = assign(registered(), office, '2026-11-22T02:00:00.000Z', '2026-11-30').next;
    const { next, event } = complete(assigned, '2026-11-30T09:00:00.000Z', clerk); // 16:00 in Vietnam on the due date
    // Act
    const change = counterChanges(event, next);
    // Assess
    const millis = Date.parse('2026-11-30T09:00:00.000Z') - Date.parse('2026-11-21T02:00:00.000Z');
    expect(change?.agency).toEqual({ finished: 1, finishedOnTime: 1, processingMillis: millis });
    expect(byKey(change)).toEqual({ [assigneeKey(office)]: { finished: 1, finishedOnTime: 1, processingMillis: millis } });
    expect(change?.person?.sub).toBe(clerk.sub);
  });

  it('credits a late completion as late, and takes back the overdue mark it carried', () => {
    // Prepare: due 30 November, flagged overdue, finished on 2 December (Vietnam time)
    const assigned = assign(registered(), personA, '2026-11-22T02:00:00.000Z', '2026-11-30').next;
    const overdue = flagOverdue(assigned, '2026-12-01T01:00:00.000Z', '2026-12-01').next;
    const { next, event } = complete(overdue, '2026-12-01T18:00:00.000Z', clerk); // 01:00 on 2 December in Vietnam
    // Act
    const change = counterChanges(event, next);
    // Assess
    expect(change?.agency).toMatchObject({ finished: 1, finishedLate: 1, overdueNow: -1 });
    expect(byKey(change)).toEqual({ 'person:cv-a': { finished: 1, finishedLate: 1, processingMillis: expect.any(Number), overdueNow: -1 } });
  });

  it('marks the lead overdue when the watcher flags the document, exactly as the agency', () => {
    // Prepare
    const assigned = assign(registered(), personA, '2026-11-22T02:00:00.000Z', '2026-11-30').next;
    const { next, event } = flagOverdue(assigned, '2026-12-01T01:00:00.000Z', '2026-12-01');
    // Act
    const change = counterChanges(event, next);
    // Assess
    expect(change?.agency).toEqual({ overdueNow: 1 });
    expect(byKey(change)).toEqual({ 'person:cv-a': { overdueNow: 1 } });
    expect(change?.person).toEqual({ sub: watcher.sub, name: watcher.name, counts: { overdue: 1 } });
  });

  it('moves an overdue document from the old lead to the new one on reassignment, and counts it assigned for the new one', () => {
    // Prepare
    const assigned = assign(registered(), personA, '2026-11-22T02:00:00.000Z', '2026-11-30').next;
    const overdue = flagOverdue(assigned, '2026-12-01T01:00:00.000Z', '2026-12-01').next;
    const { next, event } = assign(overdue, personB, '2026-12-02T02:00:00.000Z', '2026-12-10');
    // Act
    const change = counterChanges(event, next);
    // Assess: nothing changes for the agency (a reassignment is not an assignment), the mark moves A → B
    expect(event.action).toBe('reassigned');
    expect(change?.agency).toEqual({});
    expect(change?.person).toBeUndefined();
    expect(byKey(change)).toEqual({ 'person:cv-a': { overdueNow: -1 }, 'person:cv-b': { assigned: 1, overdueNow: 1 } });
    expect(change?.assignees?.find((a) => a.key === 'person:cv-a')?.name).toBe('Trần Thị A');
  });

  it('moves nothing but the assignment when the document is not overdue', () => {
    // Prepare
    const assigned = assign(registered(), personA, '2026-11-22T02:00:00.000Z', '2026-11-30').next;
    const { next, event } = assign(assigned, office, '2026-11-23T02:00:00.000Z', '2026-11-30');
    // Act / Assess
    expect(byKey(counterChanges(event, next))).toEqual({ [assigneeKey(office)]: { assigned: 1 } });
  });

  it('counts nothing when a reassignment keeps the lead (a new deadline, other coordinators)', () => {
    // Prepare
    const assigned = assign(registered(), personA, '2026-11-22T02:00:00.000Z', '2026-11-30').next;
    const overdue = flagOverdue(assigned, '2026-12-01T01:00:00.000Z', '2026-12-01').next;
    const { next, event } = assign(overdue, personA, '2026-12-02T02:00:00.000Z', '2026-12-20');
    // Act / Assess
    expect(counterChanges(event, next)).toBeUndefined();
  });

  it('gives the first lead of a document already overdue its overdue mark', () => {
    // Prepare: overdue on its own deadline while nobody leads it
    const overdue = flagOverdue(registered({ dueDate: '2026-11-25' }), '2026-11-26T01:00:00.000Z', '2026-11-26');
    const { next, event } = assign(overdue.next, personA, '2026-11-27T02:00:00.000Z');
    // Act
    const flagged = counterChanges(overdue.event, overdue.next);
    const change = counterChanges(event, next);
    // Assess
    expect(flagged?.agency).toEqual({ overdueNow: 1 });
    expect(flagged?.assignees).toBeUndefined();
    expect(byKey(change)).toEqual({ 'person:cv-a': { assigned: 1, overdueNow: 1 } });
  });

  it('reads an unreadable earlier lead in the history as none', () => {
    // Prepare
    const assigned = assign(registered(), personA, '2026-11-22T02:00:00.000Z').next;
    const { next, event } = assign(assigned, personB, '2026-11-23T02:00:00.000Z');
    const mangled = { ...event, before: { assignment: { lead: { kind: 'robot' } } } };
    // Act / Assess
    expect(byKey(counterChanges(mangled, next))).toEqual({ 'person:cv-b': { assigned: 1 } });
  });

  it('credits the drafter of an outgoing document with the draft and its issue, whoever issues it', () => {
    // Prepare
    const draft: OutgoingDocument = {
      id: '01JKPI0000000000000000000O',
      direction: 'outgoing',
      organId: AGENCY,
      status: 'draft',
      typeName: 'Công văn',
      subject: 'Trả lời',
      draftingUnitAbbreviation: 'VP',
      recipients: [],
      urgency: 'normal',
      secrecy: 'none',
      createdBy: { sub: 'cv-a', name: 'Trần Thị A' },
      createdAt: '2026-11-22T02:00:00.000Z',
      updatedAt: '2026-11-22T02:00:00.000Z',
      version: 1,
    } as unknown as OutgoingDocument;
    const drafted = historyEvent({
      documentId: draft.id,
      sequence: 1,
      action: 'drafted',
      at: new Date(draft.createdAt),
      principal: { ...personAPrincipal() },
      before: null,
      after: { status: 'draft' },
    });
    const issued = step(draft, { status: 'issued' } as Partial<OutgoingDocument>, 'issued', '2026-11-24T02:00:00.000Z', clerk);
    // Act / Assess
    expect(byKey(counterChanges(drafted, draft))).toEqual({ 'person:cv-a': { drafted: 1 } });
    expect(byKey(counterChanges(issued.event, issued.next))).toEqual({ 'person:cv-a': { issued: 1 } });
    expect(counterChanges(issued.event, issued.next)?.person?.sub).toBe(clerk.sub);
  });

  it("keeps the leads' overdue marks equal to the agency's over a life of reassignments, and sums them as the live path writes them", () => {
    // Prepare: A leads, overdue, to the office, to B, B finishes late; a second document nobody leads goes overdue
    const changes: CounterChange[] = [];
    let document = registered();
    const apply = (s: { next: IncomingDocument; event: HistoryEvent }) => {
      document = s.next;
      const change = counterChanges(s.event, s.next);
      if (change !== undefined) changes.push(change);
    };
    apply(assign(document, personA, '2026-11-22T02:00:00.000Z', '2026-11-30'));
    apply(flagOverdue(document, '2026-12-01T01:00:00.000Z', '2026-12-01'));
    apply(assign(document, office, '2026-12-02T02:00:00.000Z', '2026-12-03'));
    apply(assign(document, personB, '2026-12-03T02:00:00.000Z', '2026-12-04'));
    const afterReassignments = structuredClone(changes);
    apply(complete(document, '2026-12-05T02:00:00.000Z', clerk));
    const other = flagOverdue(registered({ id: '01JKPI0000000000000000000B', dueDate: '2026-11-25' }), '2026-11-26T01:00:00.000Z', '2026-11-26');
    const otherChange = counterChanges(other.event, other.next);
    // Act
    const open = emptyTotals();
    for (const change of afterReassignments) sumChanges(open, change);
    const all = emptyTotals();
    for (const change of [...changes, ...(otherChange === undefined ? [] : [otherChange])]) sumChanges(all, change);
    // Assess: while open, B alone holds the mark; at the end nobody does, the agency keeps the unled one
    const overdueOf = (totals: typeof open) => Object.fromEntries([...totals.assignees.values()].map((a) => [a.key, a.counts.overdueNow ?? 0]));
    expect(overdueOf(open)).toEqual({ 'person:cv-a': 0, [assigneeKey(office)]: 0, 'person:cv-b': 1 });
    expect(open.agencies.get(AGENCY)?.counts.overdueNow).toBe(1);
    expect(overdueOf(all)).toEqual({ 'person:cv-a': 0, [assigneeKey(office)]: 0, 'person:cv-b': 0 });
    expect(all.agencies.get(AGENCY)?.counts.overdueNow).toBe(1);
    expect(Object.fromEntries([...all.assignees.values()].map((a) => [a.key, a.counts.assigned]))).toEqual({
      'person:cv-a': 1,
      [assigneeKey(office)]: 1,
      'person:cv-b': 1,
    });
    expect(all.assignees.get(`${AGENCY}|person:cv-b`)).toMatchObject({ name: 'Lê Văn B', counts: { finished: 1, finishedLate: 1 } });
    expect(all.people.get(`${AGENCY}|${leader.sub}`)).toMatchObject({ name: leader.name, counts: { assigned: 1 } });
  });
});

describe('the backfill reading of a history', () => {
  it('gives the changes the live path gave, each event read against the document as it left it, not the last version', () => {
    // Prepare: the live path — each event with the version it wrote
    const live: CounterChange[] = [];
    const events: HistoryEvent[] = [];
    const created = registered();
    events.push(
      historyEvent({ documentId: created.id, sequence: 1, action: 'registered', at: new Date(created.createdAt), principal: clerk, before: null, after: { status: 'registered' } }),
    );
    live.push(counterChanges(events[0] as HistoryEvent, created) as CounterChange);
    let document = created;
    const apply = (s: { next: IncomingDocument; event: HistoryEvent }) => {
      document = s.next;
      events.push(s.event);
      const change = counterChanges(s.event, s.next);
      if (change !== undefined) live.push(change);
    };
    apply(assign(document, personA, '2026-11-22T02:00:00.000Z', '2026-11-30'));
    apply(
      step(
        document,
        { status: 'processing', progress: { count: 1, lastNote: 'Đang xử lý', lastAt: '2026-11-23T02:00:00.000Z' } },
        'progress',
        '2026-11-23T02:00:00.000Z',
        personAPrincipal(),
      ),
    );
    apply(flagOverdue(document, '2026-12-01T01:00:00.000Z', '2026-12-01'));
    apply(assign(document, office, '2026-12-02T02:00:00.000Z', '2026-12-03'));
    apply(assign(document, personB, '2026-12-03T02:00:00.000Z', '2026-12-04'));
    apply(complete(document, '2026-12-05T02:00:00.000Z', clerk));

    // Act: the backfill has only the last version and the stored events (in any order)
    const rebuilt = historyCounterChanges(document, [...events].reverse());

    // Assess
    expect(rebuilt).toEqual(live);
    expect(rebuilt.flatMap((c) => (c.assignees ?? []).map((a) => a.key))).toContain('person:cv-a');
  });
});

describe('the people-and-units report rows', () => {
  it('lists units then people with the on-time rate, and the actions of people who lead nothing', () => {
    // Act
    const rows = responsibleKpis(
      [
        {
          organId: AGENCY,
          key: 'person:cv-b',
          kind: 'person',
          name: 'Lê Văn B',
          counts: { assigned: 4, finished: 3, finishedOnTime: 2, finishedLate: 1, processingMillis: 3 * 7_200_000 },
        },
        { organId: AGENCY, key: 'unit:VP', kind: 'unit', name: 'Văn phòng', counts: { assigned: 1, overdueNow: 1 } },
      ],
      [
        { organId: AGENCY, sub: 'cv-b', counts: { completed: 3 } },
        { organId: AGENCY, sub: 'vt-01', name: 'Văn thư', counts: { registered: 7 } },
      ],
    );
    // Assess
    expect(rows.map((r) => [r.kind, r.key, r.name])).toEqual([
      ['unit', 'unit:VP', 'Văn phòng'],
      ['person', 'person:cv-b', 'Lê Văn B'],
      ['person', 'person:vt-01', 'Văn thư'],
    ]);
    expect(rows[0]).toMatchObject({ assigned: 1, overdueNow: 1, finished: 0, onTimeRate: null, averageProcessingHours: null, actions: {} });
    expect(rows[1]).toMatchObject({ finished: 3, finishedOnTime: 2, finishedLate: 1, onTimeRate: 66.7, averageProcessingHours: 2, actions: { completed: 3 } });
    expect(rows[2]).toMatchObject({ assigned: 0, actions: { registered: 7 } });
  });
});

function personAPrincipal(): Principal {
  return { sub: 'cv-a', organId: AGENCY, roles: ['specialist'], name: 'Trần Thị A' };
}
