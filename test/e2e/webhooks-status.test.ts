import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { DynamoDeliveryStore } from '#adapters/dynamo/delivery-store';
import { DynamoWebhookStore } from '#adapters/dynamo/webhook-store';
import { newDelivery } from '#domain/deliveries/delivery';
import { CITY_DEPT, createHmacKey, documentSent, itemCount, OTHER_DEPT, SENDER, sendWebhook, startWebhookWorld, type WebhookWorld } from './webhooks-helpers.ts';

let world: WebhookWorld;
let secret: string;
let deliveries: DynamoDeliveryStore;
let counter = 0;

beforeAll(async () => {
  world = await startWebhookWorld();
  ({ secret } = await createHmacKey(world, SENDER));
  deliveries = new DynamoDeliveryStore(dynamoDocumentClient(), world.api.runtime.names.tableName);
});

afterAll(async () => {
  await world.api.runtime.close();
});

/** An outgoing document of the city department with a delivery to the ministry (created through the store). */
async function deliveredDocument(): Promise<{ documentId: string; edxmlDocumentId: string }> {
  const draft = await world.api.request('POST', '/documents/outgoing', {
    token: world.specialist,
    body: { typeName: 'Quyết định', subject: 'Về việc phân bổ ngân sách', recipients: [{ organId: SENDER, organName: 'Bộ Tài chính' }] },
  });
  const edxmlDocumentId = `${CITY_DEPT},2026/11/26,${(counter += 1)}/QĐ-UBND`;
  await deliveries.create(
    newDelivery({ documentId: draft.body.id, senderOrgId: CITY_DEPT, recipient: { organId: SENDER, organName: 'Bộ Tài chính' }, channel: 'webhook', edxmlDocumentId }, new Date()),
  );
  return { documentId: draft.body.id, edxmlDocumentId };
}

const statusOf = (documentId: string, statusCode: string, at: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'document.status', data: { documentId, from: SENDER, statusCode, timestamp: at, ...extra } });

describe('document.status from the recipient agency', () => {
  it('updates the delivery, never moves it back, and shows the sender agency every report', async () => {
    // Prepare
    const { documentId, edxmlDocumentId } = await deliveredDocument();
    // Act
    const arrived = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '01', '2026-11-26T09:00:00+07:00'), { secrets: [secret] });
    const assigned = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '04', '2026-11-26T11:00:00+07:00'), { secrets: [secret] });
    const lateRegistered = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '03', '2026-11-26T10:00:00+07:00'), { secrets: [secret] });
    const again = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '04', '2026-11-26T11:00:00+07:00'), { secrets: [secret] });
    const lateReturn = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '02', '2026-11-26T12:00:00+07:00', { description: 'Sai thẩm quyền' }), { secrets: [secret] });
    // Assess
    expect(arrived.body).toMatchObject({ received: true, type: 'document.status', statusCode: '01', deliveryStatus: '01', outcome: 'moved' });
    expect(assigned.body).toMatchObject({ deliveryStatus: '04', outcome: 'moved' });
    expect(lateRegistered.body).toMatchObject({ deliveryStatus: '04', outcome: 'recorded' });
    expect(again.body).toMatchObject({ deliveryStatus: '04', outcome: 'duplicate' });
    expect(lateReturn.body).toMatchObject({ deliveryStatus: '04', outcome: 'recorded' });
    const listed = await world.api.request('GET', `/documents/${documentId}/deliveries`, { token: world.clerk });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ recipient: { organId: SENDER }, channel: 'webhook', edxmlDocumentId, status: '04' });
    expect(listed.body.items[0].history.map((e: { code: string; applied: boolean }) => [e.code, e.applied])).toEqual([
      ['01', true],
      ['03', false],
      ['04', true],
      ['02', false],
    ]);
  });

  it("hides a document's deliveries from other agencies (404)", async () => {
    // Prepare
    const { documentId } = await deliveredDocument();
    const otherClerk = await world.api.token({ sub: 'clerk-2', organId: OTHER_DEPT, roles: ['clerk'] });
    // Act
    const response = await world.api.request('GET', `/documents/${documentId}/deliveries`, { token: otherClerk });
    // Assess
    expect(response.status).toBe(404);
  });

  it('refuses what it cannot record (422) and writes nothing', async () => {
    // Prepare
    const { edxmlDocumentId } = await deliveredDocument();
    const before = await itemCount(world);
    const at = '2026-11-26T09:00:00+07:00';
    // Act
    const unknown = await sendWebhook(world, SENDER, statusOf(`${CITY_DEPT},2026/11/26,999/QĐ-UBND`, '01', at), { secrets: [secret] });
    const foreign = await sendWebhook(
      world,
      SENDER,
      JSON.stringify({ type: 'document.status', data: { documentId: edxmlDocumentId, from: '000.00.00.G09', statusCode: '01', timestamp: at } }),
      { secrets: [secret] },
    );
    const noReason = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '02', at), { secrets: [secret] });
    const takeBack = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '13', at), { secrets: [secret] });
    const badCode = await sendWebhook(world, SENDER, statusOf(edxmlDocumentId, '07', 'yesterday'), { secrets: [secret] });
    // Assess
    expect([unknown, foreign, noReason, takeBack].map((r) => [r.status, r.body?.type.split('/').pop()])).toEqual([
      [422, 'unknown-delivery'],
      [422, 'sender-mismatch'],
      [422, 'reason-required'],
      [422, 'status-not-for-recipient'],
    ]);
    expect(badCode.status).toBe(400);
    expect(badCode.body?.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.data.statusCode', 'body.data.timestamp']);
    expect(await itemCount(world)).toBe(before);
  });
});

describe('a delivery interrupted between its receipt and its response', () => {
  it('is completed by the retry with the same webhook-id, creating the document once under the id already chosen', async () => {
    // Prepare: the crash left a `processing` receipt and the marker of the document about to be created
    const store = new DynamoWebhookStore(dynamoDocumentClient(), world.api.runtime.names.tableName);
    const body = JSON.stringify(documentSent([CITY_DEPT]));
    const id = `msg_crash_${Date.now()}`;
    const bodyHash = createHash('sha256').update(body).digest('hex');
    await store.claimReceipt({
      organId: SENDER,
      webhookId: id,
      bodyHash,
      status: 'processing',
      receivedAt: new Date().toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const plannedId = '01KAAAAAAAAAAAAAAAAAAAAAAA';
    await store.claimArrival(SENDER, id, CITY_DEPT, plannedId);
    // Act
    const retried = await sendWebhook(world, SENDER, body, { secrets: [secret], id });
    const replayed = await sendWebhook(world, SENDER, body, { secrets: [secret], id });
    // Assess
    expect(retried.status).toBe(202);
    expect(retried.body?.documents).toEqual([{ id: plannedId, organId: CITY_DEPT }]);
    expect(replayed.body).toEqual(retried.body);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await store.getReceipt(SENDER, id))?.status).toBe('done');
    expect((await world.api.request('GET', `/documents/${plannedId}`, { token: world.clerk })).body).toMatchObject({ status: 'arrived', source: { externalId: id } });
  });
});
