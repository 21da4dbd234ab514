import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_AFTER_MS } from '#app/reminders/process-due';
import { STOP_MARGIN_MS, WATCHER_JOB, watchDeadlines } from '#app/reminders/watch-deadlines';
import { AGENCY, assigned, incomingDocument, noonInVietnam } from './fixtures.ts';
import { memoryLog, RecordingNotifier, watcherWorld } from './fakes.ts';

const OTHER = '000.00.92.H26';
const monday = noonInVietnam('2026-11-30');
const plenty = () => 300_000;
const run = (world: ReturnType<typeof watcherWorld>, log = memoryLog(), timeLeftMs = plenty) => watchDeadlines(world.deps, { timeLeftMs, log, runId: 'run-1' });

/** Due Thursday 26/11 and checked on Monday 30/11: overdue two working days, so overdue + escalation. */
const overdue = assigned('2026-11-26');
/** Due Tuesday 1/12: due soon on Monday. */
const dueSoon = assigned('2026-12-01', { kind: 'unit', organId: OTHER, name: 'Sở Tài chính' }, { id: '01JDOC0000000000000000000B' });

describe('the deadline watcher', () => {
  it("mails a person at their address in the agency's directory, and keeps the recipient where the directory has none", async () => {
    // Prepare: the lead has an address in the directory, the escalating leader none
    const person = {
      organId: AGENCY,
      sub: 'cv-01',
      name: 'Trần Thị Chuyên Viên',
      units: [],
      roles: ['specialist' as const],
      email: 'cv-01@example.invalid',
      active: true,
      updatedAt: '2026-11-01T00:00:00Z',
      updatedBy: { sub: 'qt', name: 'Quản trị' },
      version: 1,
    };
    const world = watcherWorld({ documents: [overdue], agencies: [AGENCY], now: monday, people: [person] });
    // Act
    await run(world);
    // Assess
    expect(world.notifier.sent.map((n) => n.to)).toEqual([
      { kind: 'email', address: 'cv-01@example.invalid' },
      { kind: 'person', sub: 'ld-01', name: 'Nguyễn Văn Lãnh Đạo' },
    ]);
  });

  it('records and sends each reminder once, flags the overdue document once, and does nothing more on the next run', async () => {
    // Prepare
    const world = watcherWorld({ documents: [overdue, dueSoon, incomingDocument({ id: '01JDOC0000000000000000000C' })], agencies: [AGENCY], now: monday });
    // Act
    const first = await run(world);
    const second = await run(world);
    // Assess
    expect(first).toMatchObject({ agencies: 1, complete: true, remindersRecorded: 3, remindersSent: 3, escalations: 1, overdueFlagged: 1, errors: 0 });
    expect(second).toMatchObject({ remindersRecorded: 0, remindersSent: 0, overdueFlagged: 0 });
    expect(world.notifier.sent.map((n) => [n.to, n.subject])).toEqual([
      [{ kind: 'person', sub: 'cv-01', name: 'Trần Thị Chuyên Viên' }, 'Quá hạn: văn bản 15/QĐ-BTC đã quá hạn xử lý 26/11/2026'],
      [{ kind: 'person', sub: 'ld-01', name: 'Nguyễn Văn Lãnh Đạo' }, 'Báo cáo quá hạn: văn bản 15/QĐ-BTC quá hạn 2 ngày làm việc'],
      [{ kind: 'unit', organId: OTHER, name: 'Sở Tài chính' }, 'Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn 01/12/2026'],
    ]);
    expect([...world.reminders.items.values()].every((r) => r.status === 'sent' && r.settledAt !== undefined)).toBe(true);
    expect(world.documents.documents.get(overdue.id)).toMatchObject({ overdueSince: '2026-11-27', version: 3 });
    expect(world.documents.events).toEqual([
      expect.objectContaining({
        action: 'overdue',
        sequence: 3,
        actor: expect.objectContaining({ sub: 'system:deadline-watcher', organId: AGENCY, roles: [] }),
        after: { overdueSince: '2026-11-27' },
        correlationId: 'run-1',
      }),
    ]);
  });

  it('sends each reminder exactly once when two runs overlap', async () => {
    // Prepare
    const world = watcherWorld({ documents: [overdue, dueSoon], agencies: [AGENCY], now: monday });
    // Act
    const [a, b] = await Promise.all([run(world), run(world)]);
    // Assess
    expect(a.remindersSent + b.remindersSent).toBe(3);
    expect(new Set(world.notifier.sent.map((n) => n.reminderKey)).size).toBe(3);
    expect(world.notifier.sent).toHaveLength(3);
    expect(a.overdueFlagged + b.overdueFlagged).toBe(1);
  });

  it('leaves a reminder whose delivery failed pending, and a run after the retry delay completes it without a duplicate', async () => {
    // Prepare
    const notifier = new RecordingNotifier((call) => (call === 1 ? 'throw' : { kind: 'sent', to: ['a@example.vn'] }));
    const world = watcherWorld({ documents: [dueSoon], agencies: [AGENCY], now: monday, notifier });
    const log = memoryLog();
    // Act
    const failed = await run(world, log);
    const tooSoon = await run(world);
    world.setNow(new Date(monday.getTime() + RETRY_AFTER_MS));
    const retried = await run(world);
    const after = await run(world);
    // Assess
    expect(failed).toMatchObject({ remindersRecorded: 1, remindersSent: 0, deliveryFailures: 1 });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'reminder not delivered', fields: expect.objectContaining({ willRetry: true }) }));
    expect(tooSoon).toMatchObject({ retried: 0, remindersSent: 0 });
    expect(retried).toMatchObject({ retried: 1, remindersSent: 1, remindersRecorded: 0 });
    expect(after).toMatchObject({ retried: 0, remindersSent: 0 });
    expect(notifier.sent).toHaveLength(1);
    expect([...world.reminders.items.values()]).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
  });

  it(`gives a reminder up as failed after ${MAX_ATTEMPTS} attempts`, async () => {
    // Prepare
    const world = watcherWorld({ documents: [dueSoon], agencies: [AGENCY], now: monday, notifier: new RecordingNotifier(() => 'throw') });
    // Act
    for (let attempt = 0; attempt < MAX_ATTEMPTS + 2; attempt += 1) {
      world.setNow(new Date(monday.getTime() + attempt * RETRY_AFTER_MS));
      await run(world);
    }
    // Assess
    expect(world.notifier.calls).toBe(MAX_ATTEMPTS);
    expect([...world.reminders.items.values()]).toEqual([expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS, note: 'SES throttled' })]);
  });

  it('records a reminder without a known address as skipped, logs it, and does not retry it', async () => {
    // Prepare
    const world = watcherWorld({
      documents: [dueSoon],
      agencies: [AGENCY],
      now: monday,
      notifier: new RecordingNotifier(() => ({ kind: 'skipped', reason: 'no e-mail address known for unit:000.00.92.H26' })),
    });
    const log = memoryLog();
    // Act
    const first = await run(world, log);
    world.setNow(new Date(monday.getTime() + 2 * RETRY_AFTER_MS));
    await run(world);
    // Assess
    expect(first).toMatchObject({ remindersRecorded: 1, remindersSkipped: 1 });
    expect(world.notifier.calls).toBe(1);
    expect([...world.reminders.items.values()]).toEqual([expect.objectContaining({ status: 'skipped', note: 'no e-mail address known for unit:000.00.92.H26' })]);
    expect(log.lines.some((line) => line.level === 'warn' && line.message.includes('not e-mailed'))).toBe(true);
  });

  it('still sends the reminders when the overdue flag loses to a concurrent change, and flags on a later run', async () => {
    // Prepare
    const world = watcherWorld({ documents: [overdue], agencies: [AGENCY], now: monday });
    world.documents.conflictOnUpdate = true;
    // Act
    const first = await run(world);
    world.documents.conflictOnUpdate = false;
    const second = await run(world);
    // Assess
    expect(first).toMatchObject({ overdueFlagged: 0, remindersSent: 2, errors: 0 });
    expect(second).toMatchObject({ overdueFlagged: 1, remindersSent: 0 });
  });

  it('stops before its time runs out, saves where it was, and the next run continues from there', async () => {
    // Prepare: 120 agencies (three directory pages), one document each
    const agencies = Array.from({ length: 120 }, (_, i) => `000.00.${String(i % 100).padStart(2, '0')}.H${String(10 + Math.floor(i / 100))}`);
    const documents = agencies.map((organId, i) => assigned('2026-12-01', undefined, { id: `01JDOC${String(i).padStart(20, '0')}`, organId }));
    const world = watcherWorld({ documents, agencies, now: monday });
    let budget = 70;
    const timeLeft = () => (budget-- > 0 ? plenty() : STOP_MARGIN_MS - 1);
    // Act
    const first = await run(world, memoryLog(), timeLeft);
    const saved = await world.reminders.cursor(WATCHER_JOB);
    const second = await run(world);
    // Assess
    expect(first).toMatchObject({ complete: false, agencies: 70, remindersSent: 70 });
    expect(saved).toBe(JSON.stringify({ agencyToken: '50', offset: 20 }));
    expect(second).toMatchObject({ complete: true, agencies: 50, remindersSent: 50 });
    expect(world.documents.queried).toEqual(agencies);
    expect(await world.reminders.cursor(WATCHER_JOB)).toBeUndefined();
  });

  it('starts from the first agency when the saved position cannot be read', async () => {
    // Prepare
    const world = watcherWorld({ documents: [dueSoon], agencies: [AGENCY], now: monday });
    await world.reminders.saveCursor(WATCHER_JOB, '{"offset":-1}');
    const log = memoryLog();
    // Act
    const summary = await run(world, log);
    // Assess
    expect(summary).toMatchObject({ agencies: 1, remindersSent: 1 });
    expect(log.lines[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('cursor unreadable') });
  });
});
