import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqsClient } from '#adapters/aws/sqs-client';
import { dependencies } from '#adapters/dependencies';
import { watchDeadlines } from '#app/reminders/watch-deadlines';
import { historyEvent } from '#domain/documents/history';
import type { IncomingDocument } from '#domain/documents/incoming';
import { vietnamDate } from '#domain/time';
import { functions } from '#infra/definitions';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

/**
 * The deadline watcher holds the grants of what it writes (issue 14): flagging overdue an incoming document
 * that came through the axis and is being processed tells its sender again (05) on axisOutbox, and the
 * watcher hands that notice over itself. Without `sendsTo: ['axisOutbox']` in its definition the hand-over
 * fails (locally as in AWS) and the notice waits for the scheduled relay.
 */
const AGENCY = '000.00.91.H26';
const SENDER = '000.00.00.G12';
let api: TestApi;
let clerk: string;
let leader: string;
let specialist: string;

beforeAll(async () => {
  // Neither the relay nor the axis sender: what reaches axisOutbox stays there, handed over by the watcher or by no one.
  api = await startTestApi({ functions: functions.filter((fn) => fn.name !== 'outbox-relay' && fn.name !== 'axis-sender') });
  clerk = await api.token({ sub: 'clerk', organId: AGENCY, roles: ['clerk'] });
  leader = await api.token({ sub: 'leader', organId: AGENCY, roles: ['leader'] });
  specialist = await api.token({ sub: 'spec', organId: AGENCY, roles: ['specialist'] });
});

afterAll(async () => {
  await api.runtime.close();
});

/** Marks a registered document as received through the axis, as the receiver would have stored it. */
async function receivedThroughAxis(documentId: string): Promise<void> {
  await api.runtime.inFunction('axis-receiver', async () => {
    const deps = dependencies();
    const stored = (await deps.documents.getDocument(documentId)) as IncomingDocument;
    const received: IncomingDocument = {
      ...stored,
      source: { channel: 'axis', fromOrganId: SENDER, externalId: `axis-${documentId}`, documentId: `${SENDER},2026/11/20,15/QĐ-BTC` },
      version: stored.version + 1,
    };
    const event = historyEvent({
      documentId,
      sequence: received.version,
      action: 'edited',
      at: new Date(),
      principal: { sub: 'test', organId: AGENCY, roles: ['clerk'], name: 'test' },
      before: null,
      after: {},
      correlationId: 'axis-source',
    });
    expect(await deps.documents.updateDocument(received, stored, event)).toBe('saved');
  });
}

describe('the deadline watcher', () => {
  it('hands the status notice of a document it flags overdue to axisOutbox itself', async () => {
    // Prepare: an axis document assigned to the specialist, due today, in progress
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '15' }) });
    const id = registered.body.id as string;
    const assigned = await api.request('POST', `/documents/${id}/assignments`, {
      token: leader,
      body: { lead: { kind: 'person', sub: 'spec', name: 'Chuyên viên' }, dueDate: vietnamDate(new Date()) },
    });
    expect(assigned.status).toBe(200);
    await receivedThroughAxis(id);
    expect((await api.request('POST', `/documents/${id}/progress`, { token: specialist, body: { note: 'Đang xử lý' } })).status).toBe(200);
    const queued = await receiveStatusNotices(id);
    const later = new Date(Date.now() + 14 * 24 * 3600_000);

    // Act: a run two weeks later, as the watcher
    const { summary, pending } = await api.runtime.inFunction('deadline-watcher', async () => {
      const deps = { ...dependencies(), clock: { now: () => later } };
      const result = await watchDeadlines(deps, { timeLeftMs: () => 300_000, log: { info: () => undefined, warn: () => undefined, error: () => undefined }, runId: 'grants' });
      return { summary: result, pending: await deps.outbox.pending(100) };
    });

    // Assess: flagged, its notice on the queue and none left to the relay
    expect(queued).toEqual(['05']);
    expect(summary).toMatchObject({ overdueFlagged: 1 });
    expect(await receiveStatusNotices(id)).toEqual(['05']);
    expect(pending.filter((entry) => entry.groupId === id)).toEqual([]);
  });
});

/** Status codes of the notices about `documentId` now on axisOutbox, taken off it (a FIFO group shows its next message only then). */
async function receiveStatusNotices(documentId: string): Promise<string[]> {
  const queueUrl = api.runtime.names.queueUrls.axisOutbox;
  const received = (await sqsClient().send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];
  for (const message of received) await sqsClient().send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  return received
    .map((message) => JSON.parse(message.Body ?? '{}') as { documentId?: string; statusCode?: string })
    .filter((body) => body.documentId === documentId)
    .map((body) => body.statusCode ?? '');
}
