import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { watchDeadlines } from '#app/reminders/watch-deadlines';
import { vietnamDate } from '#domain/time';
import { handler as deadlineWatcher } from '../../functions/schedule/deadline-watcher.ts';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const AGENCY = '000.00.91.H26';
let api: TestApi;
let clerk: string;
let leader: string;
let specialist: string;

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'clerk', organId: AGENCY, roles: ['clerk'] });
  leader = await api.token({ sub: 'leader', organId: AGENCY, roles: ['leader'], name: 'Nguyễn Văn Lãnh Đạo' });
  specialist = await api.token({ sub: 'spec', organId: AGENCY, roles: ['specialist'], name: 'Trần Thị Chuyên Viên' });
});

afterAll(async () => {
  await api.runtime.close();
});

/** Runs the scheduled handler as EventBridge Scheduler would, with the system clock and the watcher's environment. */
async function scheduledRun(): Promise<void> {
  const event = {
    version: '0',
    id: 'e2e',
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '0',
    time: new Date().toISOString(),
    region: 'local',
    resources: [],
    detail: {},
  } as ScheduledEvent;
  await api.runtime.inFunction('deadline-watcher', () => deadlineWatcher(event, { awsRequestId: `e2e-${Date.now()}`, getRemainingTimeInMillis: () => 300_000 } as Context));
}

/** The deadline reminders of the inbox about one document (the inbox also holds the notice of the assignment). */
const kindsOf = (body: { items: { kind: string; documentId: string; source: string }[] }, id: string) =>
  body.items.filter((r) => r.documentId === id && r.source === 'reminder').map((r) => r.kind);

describe('deadline reminders through the local runtime', () => {
  it('reminds the assignee once when due, then flags the document overdue and escalates to the leader once', async () => {
    // Prepare: registered and assigned to the specialist, due today
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '15' }) });
    const id = registered.body.id as string;
    const today = vietnamDate(new Date());
    const assigned = await api.request('POST', `/documents/${id}/assignments`, {
      token: leader,
      body: { lead: { kind: 'person', sub: 'spec', name: 'Trần Thị Chuyên Viên' }, dueDate: today },
    });
    expect(assigned.status).toBe(200);

    // Act: two scheduled runs today, then two runs two weeks later (injected clock)
    await scheduledRun();
    await scheduledRun();
    const dueSoon = await api.request('GET', '/notifications', { token: specialist });
    const later = new Date(Date.now() + 14 * 24 * 3600_000);
    const run = () =>
      api.runtime.inFunction('deadline-watcher', () =>
        watchDeadlines(
          { ...dependencies(), clock: { now: () => later } },
          { timeLeftMs: () => 300_000, log: { info: () => undefined, warn: () => undefined, error: () => undefined }, runId: 'e2e-later' },
        ),
      );
    const first = await run();
    await run();

    // Assess
    expect(kindsOf(dueSoon.body, id)).toEqual(['due-soon']);
    expect(dueSoon.body.items[0]).toMatchObject({
      subject: `Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn ${today.split('-').reverse().join('/')}`,
      status: 'sent',
      recipient: { kind: 'person', sub: 'spec' },
    });
    expect(first).toMatchObject({ remindersRecorded: 2, escalations: 1, overdueFlagged: 1 });
    const mine = await api.request('GET', '/notifications', { token: specialist });
    expect(kindsOf(mine.body, id)).toEqual(['overdue', 'due-soon']);
    const leaders = await api.request('GET', '/notifications', { token: leader });
    expect(kindsOf(leaders.body, id)).toEqual(['escalation']);
    expect(kindsOf((await api.request('GET', '/notifications', { token: clerk })).body, id)).toEqual([]);
    const document = await api.request('GET', `/documents/${id}`, { token: clerk });
    expect(document.body.overdueSince > today).toBe(true);
    const history = await api.request('GET', `/documents/${id}/history`, { token: clerk });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['registered', 'assigned', 'overdue']);
    const outbox = (await readFile(path.join(api.runtime.outboxDir, 'outbox.jsonl'), 'utf8')).trim().split('\n');
    expect(outbox.map((line) => (JSON.parse(line) as { reminderKey: string }).reminderKey).filter((key) => key.startsWith(id))).toHaveLength(3);
  });

  it('answers 401 without a token and 400 for a token from another list', async () => {
    // Act
    const anonymous = await api.request('GET', '/notifications');
    const forged = await api.request('GET', '/notifications?nextToken=abc', { token: specialist });
    // Assess
    expect(anonymous.status).toBe(401);
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].path).toBe('query.nextToken');
  });
});
