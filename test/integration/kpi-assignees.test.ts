import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { historyChanges } from '#adapters/dynamo/history-changes';
import { kpiKeys } from '#adapters/dynamo/kpi-items';
import { DynamoKpiStore } from '#adapters/dynamo/kpi-store';
import type { Dependencies, RequestContext } from '#app/context';
import { bump, commitChange } from '#app/documents/change';
import { completeIncoming, returnIncoming } from '#app/documents/incoming-workflow';
import { createDraft } from '#app/documents/outgoing-workflow';
import { registerIncoming } from '#app/documents/register-incoming';
import { rebuildCounters } from '#app/kpi/backfill';
import { kpiPeopleReport } from '#app/kpi/reports';
import type { IncomingDocument } from '#domain/documents/incoming';
import { incomingRegistrationSchema } from '#domain/documents/incoming';
import { outgoingDraftSchema, type OutgoingDocument } from '#domain/documents/outgoing';
import { assigneeKey, type Assignee } from '#domain/documents/routing';
import type { Principal } from '#domain/identity/principal';
import { fakeDependencies } from '../support/fake-dependencies.ts';
import { startTestTable, type TestTable } from '../support/dynamo-table.ts';

/**
 * The counters of the people and units responsible for the work (issue 17, item 5) on the table: written in
 * the transaction of the change they count, and rebuilt by the backfill item for item — the same
 * counterChanges serves both.
 *
 * Assignments are written as assignIncoming writes them once the assignees are resolved from the directory
 * (the document's next version and its `assigned`/`reassigned` event through commitChange); the overdue mark as
 * the deadline watcher writes it (`overdueSince` and an `overdue` event by the watcher). Registration, return,
 * completion and drafting are the use cases themselves.
 */
const AGENCY = '000.00.91.H26';
const YEAR = 2026;
const clerk: Principal = { sub: 'vt-01', organId: AGENCY, roles: ['clerk'], name: 'Văn thư' };
const leader: Principal = { sub: 'ld-01', organId: AGENCY, roles: ['leader'], name: 'Nguyễn Văn Lãnh Đạo' };
const drafter: Principal = { sub: 'cv-a', organId: AGENCY, roles: ['specialist'], name: 'Trần Thị A' };
const watcher: Principal = { sub: 'system:deadline-watcher', organId: AGENCY, roles: [], name: 'Hệ thống nhắc hạn xử lý' };
const personA: Assignee = { kind: 'person', sub: 'cv-a', name: 'Trần Thị A' };
const personB: Assignee = { kind: 'person', sub: 'cv-b', name: 'Lê Văn B' };
const office = { kind: 'unit', organId: AGENCY, unitId: 'VP', name: 'Văn phòng' } as Assignee;

let table: TestTable;
let deps: Dependencies;
let now = new Date('2026-11-21T02:00:00.000Z');
let nextId = 0;

beforeAll(async () => {
  table = await startTestTable('kpi-assignees');
  deps = fakeDependencies({
    documents: new DynamoDocumentStore(table.client, table.tableName),
    kpi: new DynamoKpiStore(table.client, table.tableName),
    clock: { now: () => now },
    ids: { next: () => `01JKPIASSIGNEE${String((nextId += 1)).padStart(12, '0')}` },
  });
});

afterAll(async () => {
  await table.emulator.close();
});

const as = (principal: Principal): RequestContext => ({ principal, correlationId: 'kpi-assignees' });
const at = (iso: string) => {
  now = new Date(iso);
};

async function register(codeNumber: string, dueDate?: string): Promise<IncomingDocument> {
  const input = incomingRegistrationSchema.parse({
    issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
    codeNumber,
    codeNotation: 'QĐ-BTC',
    promulgationDate: '2026-11-20',
    typeName: 'Quyết định',
    subject: 'Về việc giao dự toán',
    ...(dueDate === undefined ? {} : { dueDate }),
  });
  return registerIncoming(deps, as(clerk), input);
}

async function current(id: string): Promise<IncomingDocument> {
  return (await deps.documents.getDocument(id)) as IncomingDocument;
}

/** What assignIncoming writes once the directory has resolved the lead. */
async function assign(id: string, lead: Assignee, dueDate?: string): Promise<IncomingDocument> {
  const document = await current(id);
  const next: IncomingDocument = {
    ...document,
    ...bump(document, now),
    status: 'assigned',
    assignment: {
      lead,
      coordinators: [],
      forInformation: [],
      ...(dueDate === undefined ? {} : { dueDate }),
      assignedBy: { sub: leader.sub, name: leader.name },
      assignedAt: now.toISOString(),
    },
    assigneeKeys: [assigneeKey(lead)],
  };
  return commitChange(deps, as(leader), document, next, document.assignment === undefined ? 'assigned' : 'reassigned');
}

/** What the deadline watcher writes when it finds the document overdue. */
async function flagOverdue(id: string, since: string): Promise<IncomingDocument> {
  const document = await current(id);
  return commitChange(deps, as(watcher), document, { ...document, ...bump(document, now), overdueSince: since }, 'overdue');
}

/** The issue's status change and event (numbering apart: the counters see only the event and the drafter). */
async function issue(id: string): Promise<void> {
  const document = (await deps.documents.getDocument(id)) as OutgoingDocument;
  await commitChange(deps, as(clerk), document, { ...document, ...bump(document, now), status: 'issued' }, 'issued');
}

/** Every KPI counter item of the table, each as sorted JSON. */
const counterItems = () => table.scan((item) => String(item.pk).startsWith('KPI#'));

type TransactItem = { Put?: { Item: Record<string, unknown> }; Update?: { Key: { pk: string; sk: string }; ExpressionAttributeNames?: Record<string, string> } };

describe('KPI counters of the responsible people and units on the table', () => {
  it('are written in the transaction of an assignment and of a completion', async () => {
    // Prepare
    at('2026-11-21T02:00:00.000Z');
    const document = await register('101');
    const send = vi.spyOn(table.client, 'send');
    // Act
    at('2026-11-22T02:00:00.000Z');
    await assign(document.id, office, '2026-11-30');
    at('2026-11-25T02:00:00.000Z');
    await completeIncoming(deps, as(leader), document.id, {});
    // Assess: one transaction per change holds the document, its event and the lead's counters
    const transactions = send.mock.calls
      .map(([command]) => (command.input as { TransactItems?: TransactItem[] }).TransactItems)
      .filter((items): items is TransactItem[] => items?.some((i) => i.Put?.Item.entity === 'HistoryEvent' && i.Put.Item.documentId === document.id) === true);
    send.mockRestore();
    const written = transactions.map((items) => ({
      action: items.find((i) => i.Put?.Item.entity === 'HistoryEvent')?.Put?.Item.action,
      counters: items.flatMap((i) => (i.Update?.Key.pk.startsWith('KPI#') === true ? [i.Update.Key.sk] : [])).sort(),
      document: items.some((i) => i.Put?.Item.entity === 'Document'),
    }));
    const unit = `ASSIGNEE#${assigneeKey(office)}`;
    expect(written).toEqual([
      { action: 'assigned', counters: ['AGENCY', unit, `PERSON#${leader.sub}`].sort(), document: true },
      { action: 'completed', counters: ['AGENCY', unit, `PERSON#${leader.sub}`].sort(), document: true },
    ]);
    const [row] = (await deps.kpi.assigneeCounters(YEAR, AGENCY)).filter((r) => r.key === assigneeKey(office));
    expect(row).toEqual({
      organId: AGENCY,
      key: assigneeKey(office),
      kind: 'unit',
      name: 'Văn phòng',
      counts: { assigned: 1, finished: 1, finishedOnTime: 1, processingMillis: 4 * 24 * 3_600_000 },
    });
  });

  it('rebuilt by the backfill equal, item for item, what the live path wrote — stale items and metrics removed', async () => {
    // Prepare: reassignments of an overdue document, a late and an on-time completion, an overdue return,
    // an assignment that moves nothing, a draft issued by the clerk
    at('2026-11-21T03:00:00.000Z');
    const late = await register('201');
    const onTime = await register('202');
    const returned = await register('203', '2026-11-24');
    at('2026-11-22T02:00:00.000Z');
    await assign(late.id, personA, '2026-11-30');
    await assign(onTime.id, personB, '2026-12-15');
    const draft = await createDraft(deps, as(drafter), outgoingDraftSchema.parse({ typeName: 'Công văn', subject: 'Trả lời', draftingUnitAbbreviation: 'VP' }));
    at('2026-11-25T01:00:00.000Z');
    await flagOverdue(returned.id, '2026-11-25');
    await returnIncoming(deps, as(clerk), returned.id, { reason: 'Sai địa chỉ' });
    at('2026-12-01T01:00:00.000Z');
    await flagOverdue(late.id, '2026-12-01');
    at('2026-12-02T02:00:00.000Z');
    await assign(late.id, office, '2026-12-05');
    await assign(onTime.id, personB, '2026-12-20'); // the same lead, a new deadline
    at('2026-12-03T02:00:00.000Z');
    await assign(late.id, personB, '2026-12-05');
    await issue(draft.id);
    at('2026-12-04T02:00:00.000Z');
    await completeIncoming(deps, as(leader), onTime.id, {});
    const beforeLateCompletion = await deps.kpi.assigneeCounters(YEAR, AGENCY);
    at('2026-12-08T02:00:00.000Z');
    await completeIncoming(deps, as(leader), late.id, {});
    const live = await counterItems();
    // …and what a rebuild must undo: an item nobody earned, a metric nobody earned
    const partition = kpiKeys.partition(YEAR, AGENCY);
    await deps.kpi.add({
      year: YEAR,
      organId: AGENCY,
      agency: { bogus: 3 },
      person: { sub: 'ghost', counts: { registered: 1 } },
      assignees: [{ key: 'person:ghost', kind: 'person', counts: { assigned: 2 } }],
    });
    expect((await counterItems()).length).toBe(live.length + 2);

    // Act
    const operator: Principal = { sub: 'op', organId: '000.00.00.H26', roles: ['city-admin'], name: 'op' };
    const rebuilt = await rebuildCounters(deps, as(operator), YEAR, historyChanges(table.client, table.tableName));

    // Assess
    expect(await counterItems()).toEqual(live);
    expect(rebuilt.assignees.map((a) => a.key).sort()).toEqual([assigneeKey(office), 'person:cv-a', 'person:cv-b'].sort());
    expect(live.some((item) => item.includes(`"pk":"${partition}"`) && item.includes('"sk":"ASSIGNEE#'))).toBe(true);
    // While open, the overdue mark had moved A → office → B; at the end nobody holds one, the agency neither
    const overdueOf = (rows: typeof beforeLateCompletion) => Object.fromEntries(rows.map((r) => [r.key, r.counts.overdueNow ?? 0]));
    expect(overdueOf(beforeLateCompletion)).toMatchObject({ 'person:cv-a': 0, [assigneeKey(office)]: 0, 'person:cv-b': 1 });
    const rows = await deps.kpi.assigneeCounters(YEAR, AGENCY);
    expect(overdueOf(rows)).toMatchObject({ 'person:cv-a': 0, [assigneeKey(office)]: 0, 'person:cv-b': 0 });
    expect(rows.find((r) => r.key === 'person:cv-b')?.counts).toMatchObject({ assigned: 2, finished: 2, finishedOnTime: 1, finishedLate: 1 });
    expect(rows.find((r) => r.key === 'person:cv-a')?.counts).toMatchObject({ assigned: 1, drafted: 1, issued: 1 });
    const report = await kpiPeopleReport(deps, as(leader), { year: YEAR });
    expect(report.rows.find((r) => r.key === 'person:cv-b')).toMatchObject({ name: 'Lê Văn B', onTimeRate: 50, overdueNow: 0 });
    expect(report.rows.find((r) => r.key === `person:${clerk.sub}`)).toMatchObject({ name: 'Văn thư', assigned: 0, actions: { registered: 4, returned: 1 } });
  });
});
