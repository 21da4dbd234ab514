import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DirectoryContacts } from '#adapters/notifications/contacts';
import { notifierFromEnvironment } from '#adapters/notifications/from-environment';
import { OutboxNotifier } from '#adapters/notifications/outbox-notifier';
import { reminderPolicyFromEnvironment } from '#adapters/notifications/reminder-policy';
import { SesNotifier } from '#adapters/notifications/ses-notifier';
import type { AgencyStore } from '#domain/agency/store';
import type { OrganisationUnit } from '#domain/agency/unit';
import type { Notification } from '#domain/reminders/notifier';

const unitWithEmail = { code102: '000.00.92.H26', contact: { email: 'sotaichinh@example.vn' } } as OrganisationUnit;
const agencies: Pick<AgencyStore, 'get'> = { get: async (code) => (code === unitWithEmail.code102 ? unitWithEmail : undefined) };
const notification = (to: Notification['to'], key = '01JDOC#due-soon#2026-12-01#x'): Notification => ({
  to,
  subject: 'Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn 01/12/2026',
  text: 'Kính gửi: đồng chí.',
  documentId: '01JDOC',
  reminderKey: key,
});

describe('DirectoryContacts', () => {
  it("resolves a unit through the directory's contact e-mail and a person through the configured domain", async () => {
    // Prepare
    const contacts = new DirectoryContacts(agencies, 'hanoi.example.vn');
    // Act
    const unit = await contacts.emailsOf({ kind: 'unit', organId: '000.00.92.H26' });
    const unknownUnit = await contacts.emailsOf({ kind: 'unit', organId: '000.00.93.H26' });
    const person = await contacts.emailsOf({ kind: 'person', sub: 'nguyenvana' });
    const opaquePerson = await contacts.emailsOf({ kind: 'person', sub: 'us-east-1:4f1c…' });
    // Assess
    expect([unit, unknownUnit, person, opaquePerson]).toEqual([['sotaichinh@example.vn'], [], ['nguyenvana@hanoi.example.vn'], []]);
  });

  it('knows no person address without a configured domain', async () => {
    // Act
    const emails = await new DirectoryContacts(agencies, undefined).emailsOf({ kind: 'person', sub: 'nguyenvana' });
    // Assess
    expect(emails).toEqual([]);
  });
});

describe('SesNotifier', () => {
  it('sends UTF-8 subject and text from the configured sender to the resolved addresses', async () => {
    // Prepare
    const commands: SendEmailCommand[] = [];
    const client = { send: async (command: SendEmailCommand) => void commands.push(command) } as unknown as ConstructorParameters<typeof SesNotifier>[0];
    const notifier = new SesNotifier(client, 'nhacviec@example.vn', new DirectoryContacts(agencies, undefined));
    // Act
    const outcome = await notifier.send(notification({ kind: 'unit', organId: '000.00.92.H26' }));
    // Assess
    expect(outcome).toEqual({ kind: 'sent', to: ['sotaichinh@example.vn'] });
    expect(commands[0]?.input).toMatchObject({
      FromEmailAddress: 'nhacviec@example.vn',
      Destination: { ToAddresses: ['sotaichinh@example.vn'] },
      Content: { Simple: { Subject: { Data: 'Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn 01/12/2026', Charset: 'UTF-8' }, Body: { Text: { Charset: 'UTF-8' } } } },
    });
  });

  it('skips, without calling SES, a recipient with no known address', async () => {
    // Prepare
    let calls = 0;
    const client = { send: async () => void (calls += 1) } as unknown as ConstructorParameters<typeof SesNotifier>[0];
    // Act
    const outcome = await new SesNotifier(client, 'nhacviec@example.vn', new DirectoryContacts(agencies, undefined)).send(notification({ kind: 'person', sub: 'cv-01' }));
    // Assess
    expect(outcome).toEqual({ kind: 'skipped', reason: 'no e-mail address known for person:cv-01' });
    expect(calls).toBe(0);
  });

  it('lets an SES error through, so the reminder stays pending', async () => {
    // Prepare
    const client = { send: async () => Promise.reject(new Error('Throttling')) } as unknown as ConstructorParameters<typeof SesNotifier>[0];
    // Act
    const sending = new SesNotifier(client, 'nhacviec@example.vn', new DirectoryContacts(agencies, undefined)).send(notification({ kind: 'email', address: 'a@example.vn' }));
    // Assess
    await expect(sending).rejects.toThrow('Throttling');
  });
});

describe('OutboxNotifier and the environment', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-outbox-test-'));
  });
  afterEach(async () => {
    process.env = { ...saved };
    await rm(dir, { recursive: true, force: true });
  });

  it('appends one JSON line per reminder, even when a retry or a restarted process hands it over again', async () => {
    // Prepare
    const contacts = new DirectoryContacts(agencies, undefined);
    const first = new OutboxNotifier(dir, contacts);
    // Act
    await first.send(notification({ kind: 'unit', organId: '000.00.92.H26' }, 'k1'));
    await first.send(notification({ kind: 'unit', organId: '000.00.92.H26' }, 'k1'));
    const restarted = new OutboxNotifier(dir, contacts);
    await restarted.send(notification({ kind: 'unit', organId: '000.00.92.H26' }, 'k1'));
    await restarted.send(notification({ kind: 'person', sub: 'cv-01' }, 'k2'));
    // Assess
    const lines = (await readFile(path.join(dir, 'outbox.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as { reminderKey: string; addresses: string[] }).map((e) => [e.reminderKey, e.addresses])).toEqual([
      ['k1', ['sotaichinh@example.vn']],
      ['k2', []],
    ]);
  });

  it('picks the outbox when VANTHU_OUTBOX_DIR is set, and otherwise records reminders as in-app only without a sender', async () => {
    // Prepare
    process.env.VANTHU_OUTBOX_DIR = dir;
    const outbox = notifierFromEnvironment(agencies);
    delete process.env.VANTHU_OUTBOX_DIR;
    delete process.env.VANTHU_MAIL_FROM;
    const none = notifierFromEnvironment(agencies);
    // Act
    const sent = await outbox.send(notification({ kind: 'person', sub: 'cv-01' }));
    const skipped = await none.send(notification({ kind: 'person', sub: 'cv-01' }));
    // Assess
    expect(outbox).toBeInstanceOf(OutboxNotifier);
    expect(sent.kind).toBe('sent');
    expect(skipped).toEqual({ kind: 'skipped', reason: 'no mail sender configured (VANTHU_MAIL_FROM)' });
  });

  it('refuses a malformed sender or user domain at cold start', () => {
    // Prepare
    process.env.VANTHU_MAIL_FROM = 'not an address';
    // Act / Assess
    expect(() => notifierFromEnvironment(agencies)).toThrow(/mailFrom/);
    process.env.VANTHU_MAIL_FROM = 'nhacviec@example.vn';
    process.env.VANTHU_USER_EMAIL_DOMAIN = 'http://x';
    expect(() => notifierFromEnvironment(agencies)).toThrow(/userEmailDomain/);
  });

  it('reads the escalation thresholds, defaulting to two working days', () => {
    // Act
    delete process.env.VANTHU_ESCALATION_WORKING_DAYS;
    const byDefault = reminderPolicyFromEnvironment();
    process.env.VANTHU_ESCALATION_WORKING_DAYS = '2, 5';
    const configured = reminderPolicyFromEnvironment();
    process.env.VANTHU_ESCALATION_WORKING_DAYS = '5,2';
    // Assess
    expect(byDefault.escalationAfterWorkingDays).toEqual([2]);
    expect(configured.escalationAfterWorkingDays).toEqual([2, 5]);
    expect(() => reminderPolicyFromEnvironment()).toThrow(/VANTHU_ESCALATION_WORKING_DAYS/);
  });
});
