import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { dependencies } from '#adapters/dependencies';
import type { Dependencies } from '#app/context';
import { sendDocument } from '#app/axis/send-document';
import { deliveryForStatus } from '#app/deliveries/status-target';
import { historyEvent } from '#domain/documents/history';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { startTestApi, type TestApi } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Identity in exchange never rests on the printed number and notation (issue 11 §3): internal delivery and
 * status matching use the document's own id, and a collision is a loud error on the delivery, never a
 * silent "delivered as" another document.
 */
const SENDER = '000.00.91.H26'; // [MẪU] Sở Nội vụ (SNV)
const RECEIVER = '000.00.92.H26'; // [MẪU] Sở Tài chính
const RECIPIENT = { organId: RECEIVER, organName: '[MẪU] Sở Tài chính' };
let api: TestApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi({ scheduleSpeedup: 120 });
  for (const role of ['clerk', 'leader', 'specialist', 'admin'] as const) tokens[role] = await api.token({ sub: `id-${role}`, organId: SENDER, roles: [role] });
  tokens.receiver = await api.token({ sub: 'id-receiver', organId: RECEIVER, roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

const t = (key: string): string => tokens[key] ?? '';
/** Runs a use case directly, as the named function of the runtime (its environment only). */
const asFunction = <T>(fn: string, run: (deps: Dependencies) => Promise<T>): Promise<T> => api.runtime.inFunction(fn, () => run(dependencies()));

async function approved(subject: string): Promise<string> {
  const created = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Quyết định', subject, recipients: [RECIPIENT] } });
  await api.request('POST', `/documents/${created.body.id}/submit`, { token: t('specialist') });
  await api.request('POST', `/documents/${created.body.id}/approve`, { token: t('leader') });
  return created.body.id as string;
}

async function issue(subject: string): Promise<OutgoingDocument> {
  const issued = await api.request('POST', `/documents/${await approved(subject)}/issue`, { token: t('clerk') });
  expect(issued.status).toBe(200);
  return issued.body as OutgoingDocument;
}

async function received(senderDocumentIds: readonly string[]): Promise<any[]> {
  const inbox = await eventually(
    () => api.request('GET', '/documents?direction=incoming&status=arrived&limit=100', { token: t('receiver') }),
    (r) => senderDocumentIds.every((id) => r.body.items.some((d: any) => d.source?.senderDocumentId === id)),
  );
  return inbox.body.items.filter((d: any) => senderDocumentIds.includes(d.source?.senderDocumentId));
}

async function deliveries(documentId: string): Promise<any[]> {
  return (await api.request('GET', `/documents/${documentId}/deliveries`, { token: t('clerk') })).body.items;
}

describe('internal delivery by the document, not by its printed number', () => {
  it('delivers every document of the mid-year register change, each as its own', async () => {
    const before = [await issue('Quyết định thứ nhất'), await issue('Quyết định thứ hai')];
    const change = await api.request('PUT', `/agencies/${SENDER}/numbering`, {
      token: t('admin'),
      body: {
        issuerAbbreviation: 'SNV',
        registers: [
          { id: 'decisions', name: 'Sổ Quyết định', typeNames: ['Quyết định'] },
          { id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] },
        ],
      },
    });
    expect(change.status).toBe(200);
    const after = [await issue('Quyết định thứ ba'), await issue('Quyết định thứ tư')];
    const sent = [...before, ...after];
    const printed = sent.map((d) => `${d.issue?.codeNumber}/${d.issue?.codeNotation}`);
    expect(new Set(printed).size).toBe(4);

    const copies = await received(sent.map((d) => d.id));
    expect(copies).toHaveLength(4);
    for (const document of sent) {
      const copy = copies.find((c) => c.source.senderDocumentId === document.id);
      expect(copy, document.id).toMatchObject({ subject: document.subject, codeNumber: document.issue?.codeNumber });
      const [delivery] = await eventually(
        () => deliveries(document.id),
        (items) => items[0]?.status === '01',
      );
      expect(delivery).toMatchObject({ status: '01' });
      expect(delivery.problem).toBeUndefined();
    }
  });

  it('delivers two documents that print the same number and notation (data from before the rule) each as its own, and refuses a status that names both', async () => {
    const first = await issue('Bản gốc');
    // A second document carrying the first one's printed identity, as a register configuration before this rule could produce.
    const secondId = await approved('Bản trùng số');
    const second = await asFunction('axis-sender', (deps) => deps.documents.getDocument(secondId));
    if (second?.direction !== 'outgoing') throw new Error('no draft');
    const twin: OutgoingDocument = { ...second, status: 'issued', issue: first.issue, version: second.version + 1, updatedAt: new Date().toISOString() };
    const event = historyEvent({
      documentId: secondId,
      sequence: twin.version,
      action: 'issued',
      at: new Date(),
      principal: { sub: 'test', organId: SENDER, roles: ['clerk'], name: 'test' },
      before: null,
      after: { status: 'issued' },
      correlationId: 'collision',
    });
    expect(await asFunction('axis-sender', (deps) => deps.documents.updateDocument(twin, second, event))).toBe('saved');
    await asFunction('axis-sender', (deps) => sendDocument(deps, { documentId: secondId, bussinessDocType: 0 }, 'collision'));

    const copies = await received([first.id, secondId]);
    expect(copies.map((c) => c.subject).sort()).toEqual(['Bản gốc', 'Bản trùng số']);
    const edxmlId = (await deliveries(first.id))[0].edxmlDocumentId;
    const twinDelivery = (await deliveries(secondId))[0];
    expect(twinDelivery.edxmlDocumentId).toBe(edxmlId);
    expect(twinDelivery.history.map((h: { code: string }) => h.code)).toContain('sent');

    await expect(asFunction('axis-receiver', (deps) => deliveryForStatus(deps, edxmlId, RECEIVER, 'collision'))).rejects.toMatchObject({ type: 'ambiguous-document' });
    for (const id of [first.id, secondId]) expect((await deliveries(id))[0].problem).toMatchObject({ code: 'ambiguous-status' });
  });

  it("stops loudly, never 'delivered as' another document, when the recipient's copy under the key is not this document's", async () => {
    const [copy] = await received([(await issue('Đã giao trước')).id]);
    const documentId = await approved('Bị chặn bởi bản khác');
    // The recipient already holds another document under this one's delivery key (corrupted or legacy data).
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: api.runtime.names.tableName,
        Item: { pk: `UNIQUE#INTERNAL#${documentId}#0#${RECEIVER}`, sk: 'UNIQUE', entity: 'UniqueMarker', schemaVersion: 1, documentId: copy.id },
      }),
    );
    expect((await api.request('POST', `/documents/${documentId}/issue`, { token: t('clerk') })).status).toBe(200);
    const [delivery] = await eventually(
      () => deliveries(documentId),
      (items) => items[0]?.problem !== undefined,
    );
    expect(delivery).toMatchObject({ status: 'pending', problem: { code: 'identity-collision', message: expect.stringContaining(copy.id) } });
    expect(delivery.history).toEqual([]);
  });
});
