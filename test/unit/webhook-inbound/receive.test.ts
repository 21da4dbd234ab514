import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { receiveWebhook } from '#app/webhooks/inbound';
import { WebhookRefusedError } from '#app/webhooks/refusal';
import { newDelivery } from '#domain/deliveries/delivery';
import { generateSecret, parseSecret, signWebhook } from '#webhooks/index';
import { fakeDependencies } from '../../support/fake-dependencies.ts';
import { fakeWebhooks, markingCipher, MemoryDeliveryStore } from '../webhook-support/fakes.ts';

const AGENCY = '000.00.00.G12';
const CITY = '000.00.91.H26';
const EDXML_ID = `${CITY},2026/11/26,01/QĐ-UBND`;
const now = new Date('2026-11-26T03:00:00Z');
const secret = generateSecret();
const body = JSON.stringify({ type: 'document.status', data: { documentId: EDXML_ID, from: AGENCY, statusCode: '03', timestamp: '2026-11-26T10:00:00+07:00' } });
const signed = (id: string, text = body) => signWebhook({ id, timestamp: now, rawBody: Buffer.from(text), hmacSecrets: [parseSecret(secret)] });
const bodyHash = createHash('sha256').update(body).digest('hex');

async function world() {
  const webhooks = fakeWebhooks();
  const deliveries = new MemoryDeliveryStore();
  await webhooks.store.putKey({
    organId: AGENCY,
    keyId: 'key_1',
    kind: 'hmac',
    status: 'active',
    createdAt: '',
    createdBy: { sub: 'a', name: 'a' },
    encryptedSecret: await markingCipher.encrypt(parseSecret(secret), { organId: AGENCY, keyId: 'key_1' }),
  });
  await deliveries.create(
    newDelivery({ documentId: 'D1', senderOrgId: CITY, recipient: { organId: AGENCY, organName: 'Bộ Tài chính' }, channel: 'webhook', edxmlDocumentId: EDXML_ID }, now),
  );
  const deps = fakeDependencies({ webhooks, deliveries, clock: { now: () => now } });
  const receive = (id: string, headers: Readonly<Record<string, string | undefined>> = { ...signed(id) }) =>
    receiveWebhook(deps, { organId: AGENCY, headers, body, isBase64Encoded: false, correlationId: 'c' });
  return { webhooks, deliveries, receive };
}

describe('receiving a webhook', () => {
  it('refuses headers that are wrong on their face without reading any key', async () => {
    // Prepare
    const { webhooks, receive } = await world();
    const listKeys = webhooks.store.listKeys.bind(webhooks.store);
    let reads = 0;
    webhooks.store.listKeys = (organId) => ((reads += 1), listKeys(organId));
    // Act
    const refused = receive('msg_1', { ...signed('msg_1'), 'webhook-timestamp': '1674087231xyz' });
    // Assess
    await expect(refused).rejects.toThrowError(WebhookRefusedError);
    expect(reads).toBe(0);
  });

  it('completes a receipt left `processing` by a crash: the effect is redone once, then the response is stored', async () => {
    // Prepare
    const { webhooks, deliveries, receive } = await world();
    await webhooks.store.claimReceipt({ organId: AGENCY, webhookId: 'msg_2', bodyHash, status: 'processing', receivedAt: now.toISOString(), expiresAt: 0 });
    // Act
    const result = await receive('msg_2');
    // Assess
    expect(result).toMatchObject({ status: 202, replayed: false, body: { deliveryStatus: '03', outcome: 'moved' } });
    expect(await webhooks.store.getReceipt(AGENCY, 'msg_2')).toMatchObject({ status: 'done', response: { status: 202 } });
    expect((await deliveries.get('D1', AGENCY))?.history).toHaveLength(1);
  });

  it("answers with the winner's response when a concurrent duplicate completed first, without running the effect", async () => {
    // Prepare: the receipt appears between our read and our claim
    const { webhooks, deliveries, receive } = await world();
    const stored = { status: 202, body: { received: true, from: 'the other request' } };
    const claim = webhooks.store.claimReceipt.bind(webhooks.store);
    webhooks.store.claimReceipt = async (receipt) => {
      await claim({ ...receipt, status: 'done', response: stored });
      return claim(receipt);
    };
    // Act
    const result = await receive('msg_3');
    // Assess
    expect(result).toEqual({ ...stored, replayed: true });
    expect((await deliveries.get('D1', AGENCY))?.history).toEqual([]);
  });
});
