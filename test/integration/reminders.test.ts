import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAgencyStore } from '#adapters/dynamo/agency-store';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoReminderStore } from '#adapters/dynamo/reminder-store';
import type { Dependencies } from '#app/context';
import { RETRY_AFTER_MS } from '#app/reminders/process-due';
import { listInbox } from '#app/notifications/inbox';
import { DynamoDirectoryStore } from '#adapters/dynamo/directory-store';
import { DynamoNoticeStore } from '#adapters/dynamo/notice-store';
import type { Reminder } from '#domain/reminders/reminder';
import { watchDeadlines } from '#app/reminders/watch-deadlines';
import type { Document } from '#domain/documents/document';
import { historyEvent } from '#domain/documents/history';
import { ValidationError } from '#domain/errors';
import { reminderMessage } from '#domain/reminders/message';
import { checkDeadline } from '#domain/reminders/rules';
import { vietnamSampleCalendar } from '#domain/calendar/vietnam';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';
import { seedSampleDirectory } from '#infra/local/seed';
import { fakeDependencies } from '../support/fake-dependencies.ts';
import { assigned, noonInVietnam, specialist } from '../unit/reminders/fixtures.ts';
import { memoryLog, RecordingNotifier } from '../unit/reminders/fakes.ts';

/** Sample agencies of infra/local/sample-data.ts (blocks 90–99 are reserved for samples). */
const HOME = '000.00.91.H26';
const FINANCE = '000.00.92.H26';
const monday = noonInVietnam('2026-11-30');
let emulator: DynamoEmulator;
let dynamo: DynamoDBClient;
let client: DynamoDBDocumentClient;
let table = 0;

beforeAll(async () => {
  emulator = await startDynamoEmulator();
  dynamo = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  await emulator.close();
});

/** A fresh table with the sample directory and these documents, and dependencies on it. */
/** The reminders of the caller's inbox (the inbox holds notices too; these tests record reminders only). */
async function listNotifications(deps: Dependencies, ctx: Parameters<typeof listInbox>[1], query: { limit: number; nextToken?: string }) {
  const page = await listInbox(deps, ctx, query);
  return { ...page, items: page.items.map((item): Reminder => (item.source === 'reminder' ? item.reminder : expect.unreachable('a notice in a reminder test'))) };
}

async function world(documents: readonly Document[], notifier = new RecordingNotifier()) {
  table += 1;
  const tableName = `reminders-${table}`;
  await createTable(dynamo, tableName);
  const agencies = new DynamoAgencyStore(client, tableName);
  await seedSampleDirectory(agencies, new Date('2026-01-01T00:00:00Z'));
  const store = new DynamoDocumentStore(client, tableName);
  for (const document of documents) {
    await store.createDocument(
      { ...document, version: 1 },
      historyEvent({
        documentId: document.id,
        sequence: 1,
        action: 'registered',
        at: new Date(document.createdAt),
        principal: { sub: 'vt', organId: document.organId, roles: ['clerk'], name: 'Văn thư' },
        before: null,
        after: {},
      }),
    );
  }
  let now = monday;
  const reminders = new DynamoReminderStore(client, tableName);
  const deps: Dependencies = fakeDependencies({
    documents: store,
    agencies,
    reminders,
    notifier,
    notices: new DynamoNoticeStore(client, tableName),
    directory: new DynamoDirectoryStore(client, tableName),
    clock: { now: () => now },
  });
  const watch = () => watchDeadlines(deps, { timeLeftMs: () => 300_000, log: memoryLog(), runId: `run-${Math.random()}` });
  return { deps, store, reminders, notifier, watch, setNow: (next: Date) => (now = next) };
}

const overdue = assigned('2026-11-26', specialist, { id: '01JREM0000000000000000000A', version: 1 });
const dueSoon = assigned('2026-12-01', { kind: 'unit', organId: FINANCE, name: 'Sở Tài chính' }, { id: '01JREM0000000000000000000B', version: 1 });
const notDue = assigned('2026-12-20', specialist, { id: '01JREM0000000000000000000C', version: 1 });
const finished = assigned('2026-11-20', specialist, { id: '01JREM0000000000000000000D', version: 1, status: 'finished' });

describe('the deadline watcher on the table', () => {
  it('reads only open documents due by the horizon from the deadline index, earliest first', async () => {
    // Prepare
    const { store } = await world([notDue, dueSoon, finished, overdue]);
    // Act
    const page = await store.dueBefore(HOME, '2026-12-02', { limit: 10 });
    // Assess
    expect(page.items.map((d) => d.id)).toEqual([overdue.id, dueSoon.id]);
  });

  it('sends each reminder exactly once when two runs overlap, and flags the overdue document once', async () => {
    // Prepare
    const { store, notifier, watch } = await world([overdue, dueSoon, notDue]);
    // Act
    const [a, b] = await Promise.all([watch(), watch()]);
    const third = await watch();
    // Assess
    expect(notifier.sent.map((n) => n.reminderKey).sort()).toEqual([
      `${overdue.id}#escalation-1#2026-11-26#person:ld-01`,
      `${overdue.id}#overdue#2026-11-26#person:cv-01`,
      `${dueSoon.id}#due-soon#2026-12-01#unit:${FINANCE}`,
    ]);
    expect(a.remindersRecorded + b.remindersRecorded + third.remindersRecorded).toBe(3);
    expect(a.overdueFlagged + b.overdueFlagged + third.overdueFlagged).toBe(1);
    expect(await store.getDocument(overdue.id)).toMatchObject({ overdueSince: '2026-11-27', version: 2 });
    expect((await store.history(overdue.id)).map((e) => [e.action, e.actor.sub])).toEqual([
      ['registered', 'vt'],
      ['overdue', 'system:deadline-watcher'],
    ]);
  });

  it('completes a reminder whose delivery failed on a later run, without a duplicate', async () => {
    // Prepare
    const notifier = new RecordingNotifier((call) => (call === 1 ? 'throw' : { kind: 'sent', to: ['a@example.vn'] }));
    const { reminders, watch, setNow } = await world([dueSoon], notifier);
    // Act
    const failed = await watch();
    setNow(new Date(monday.getTime() + RETRY_AFTER_MS + 1000));
    const [c, d] = await Promise.all([watch(), watch()]);
    // Assess
    expect(failed).toMatchObject({ remindersRecorded: 1, deliveryFailures: 1 });
    expect(c.retried + d.retried).toBe(1);
    expect(notifier.sent).toHaveLength(1);
    const key = `${dueSoon.id}#due-soon#2026-12-01#unit:${FINANCE}`;
    expect((await reminders.find([key])).get(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('delivers a reminder left pending by a crash right after it was recorded', async () => {
    // Prepare: the conditional put happened, then the process died before sending
    const { reminders, notifier, watch, setNow } = await world([dueSoon]);
    const planned = checkDeadline(dueSoon, monday, vietnamSampleCalendar).reminders[0];
    if (planned === undefined) throw new Error('a due-soon reminder was expected');
    const { workingDays: _w, ...identity } = planned;
    const at = monday.toISOString();
    await reminders.record({ ...identity, ...reminderMessage(planned, dueSoon), status: 'pending', recordedAt: at, attempts: 1, lastAttemptAt: at });
    // Act
    const early = await watch();
    setNow(new Date(monday.getTime() + RETRY_AFTER_MS));
    const late = await watch();
    await watch();
    // Assess
    expect(early).toMatchObject({ remindersRecorded: 0, retried: 0 });
    expect(late).toMatchObject({ remindersRecorded: 0, retried: 1, remindersSent: 1 });
    expect(notifier.sent.map((n) => n.reminderKey)).toEqual([planned.key]);
  });
});

describe('the inbox', () => {
  it("pages a person's reminders and their agency's together, newest first, each once", async () => {
    // Prepare: Monday, the specialist's overdue reminder and the agency's due-soon one for an unassigned
    // document due that day; Tuesday, that document's overdue reminder to the agency
    const unassigned = { ...notDue, id: '01JREM0000000000000000000E', assignment: undefined, assigneeKeys: undefined, status: 'registered' as const, dueDate: '2026-11-30' };
    const { deps, watch, setNow } = await world([overdue, unassigned, dueSoon]);
    await watch();
    setNow(new Date(monday.getTime() + 24 * 3600_000));
    await watch();
    const ctx = { principal: { sub: 'cv-01', organId: HOME, roles: ['specialist' as const], name: 'CV' }, correlationId: 'c' };
    // Act
    const all = await listNotifications(deps, ctx, { limit: 100 });
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await listNotifications(deps, ctx, { limit: 1, ...(token === undefined ? {} : { nextToken: token }) });
      pages.push(page.items.map((r) => r.key));
      token = page.nextToken;
    } while (token !== undefined);
    // Assess
    expect(all.items.map((r) => [r.kind, r.recipient.kind, r.recordedAt.slice(0, 10)])).toEqual([
      ['overdue', 'unit', '2026-12-01'],
      ['due-soon', 'unit', '2026-11-30'],
      ['overdue', 'person', '2026-11-30'],
    ]);
    expect(pages.flat()).toEqual(all.items.map((r) => r.key));
  });

  it("refuses another user's page token", async () => {
    // Prepare
    const { deps, watch } = await world([overdue, assigned('2026-12-01', specialist, { id: '01JREM0000000000000000000F', version: 1 })]);
    await watch();
    const mine = { principal: { sub: 'cv-01', organId: HOME, roles: ['specialist' as const], name: 'CV' }, correlationId: 'c' };
    const other = { principal: { sub: 'cv-02', organId: HOME, roles: ['specialist' as const], name: 'CV2' }, correlationId: 'c' };
    const page = await listNotifications(deps, mine, { limit: 1 });
    // Act
    const stolen = listNotifications(deps, other, { limit: 1, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
    // Assess
    expect(page.nextToken).toBeDefined();
    await expect(stolen).rejects.toThrowError(ValidationError);
  });
});
