import { describe, expect, it } from 'vitest';
import { recordDeliveryStatus } from '#app/deliveries/record-status';
import { newDelivery } from '#domain/deliveries/delivery';
import { ConflictError, NotFoundError, UnprocessableError } from '#domain/errors';
import type { WebhookEndpoint } from '#domain/webhook-keys/endpoint';
import { fakeDependencies } from '../../support/fake-dependencies.ts';
import { fakeWebhooks, MemoryDeliveryStore } from '../webhook-support/fakes.ts';

const SENDER = '000.00.91.H26';
const RECIPIENT = '000.00.00.G12';
const now = new Date('2026-11-26T03:00:00Z');
const fromRecipient = { channel: 'webhook' as const, organId: RECIPIENT };

function endpoint(organId: string): WebhookEndpoint {
  return {
    organId,
    url: 'https://example.vn/hook',
    events: ['document.status'],
    status: 'active',
    secretId: 'whs_1',
    encryptedSecret: 'x',
    createdAt: '',
    updatedAt: '',
    updatedBy: { sub: 'a', name: 'a' },
    version: 1,
  };
}

async function world() {
  const deliveries = new MemoryDeliveryStore();
  const webhooks = fakeWebhooks();
  await deliveries.create(
    newDelivery(
      {
        documentId: 'D1',
        senderOrgId: SENDER,
        recipient: { organId: RECIPIENT, organName: 'Bộ Tài chính' },
        channel: 'webhook',
        edxmlDocumentId: `${SENDER},2026/11/26,01/QĐ-UBND`,
      },
      now,
    ),
  );
  await webhooks.store.saveEndpoint(endpoint(SENDER), 0);
  await webhooks.store.saveEndpoint(endpoint(RECIPIENT), 0);
  return { deliveries, webhooks, deps: fakeDependencies({ deliveries, webhooks, clock: { now: () => now } }) };
}

describe('recordDeliveryStatus', () => {
  it('moves the status and tells the sender agency, not the recipient that reported it', async () => {
    // Prepare
    const { deps, webhooks } = await world();
    // Act
    const result = await recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '03', at: '2026-11-26T10:00:00+07:00', source: fromRecipient });
    // Assess
    expect(result).toMatchObject({ outcome: 'moved', delivery: { status: '03', version: 2 } });
    expect(webhooks.queued.map((q) => q.message.organId)).toEqual([SENDER]);
    const [entry] = [...webhooks.store.outbound.values()];
    expect(JSON.parse(entry?.body ?? '{}')).toMatchObject({ type: 'document.status', data: { statusCode: '03', from: RECIPIENT, to: SENDER, deliveryStatus: '03' } });
  });

  it('is idempotent per code: the same report again writes nothing and creates no second webhook', async () => {
    // Prepare
    const { deps, deliveries, webhooks } = await world();
    const report = { documentId: 'D1', recipientOrgId: RECIPIENT, code: '01' as const, at: '2026-11-26T10:00:00+07:00', source: fromRecipient };
    await recordDeliveryStatus(deps, report);
    const [entry] = [...webhooks.store.outbound.values()];
    if (entry === undefined) throw new Error('no webhook entry');
    // Act: once while the first attempt is still to be made, once after it was made
    const beforeAttempt = await recordDeliveryStatus(deps, report);
    const queuedBeforeAttempt = webhooks.queued.length;
    await webhooks.store.saveOutbound(
      { ...entry, attempts: [{ number: 1, at: '', url: '', statusCode: 200, durationMs: 1, outcome: 'delivered' }], status: 'delivered', version: 2 },
      1,
    );
    const afterAttempt = await recordDeliveryStatus(deps, report);
    // Assess: a message that may have been lost is queued again (the sender drops duplicates); never a second entry
    expect([beforeAttempt.outcome, afterAttempt.outcome]).toEqual(['duplicate', 'duplicate']);
    expect((await deliveries.get('D1', RECIPIENT))?.version).toBe(2);
    expect(webhooks.store.outbound.size).toBe(1);
    expect(queuedBeforeAttempt).toBe(2);
    expect(webhooks.queued).toHaveLength(2);
  });

  it('records a late report without notifying anyone', async () => {
    // Prepare
    const { deps, webhooks } = await world();
    await recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '05', at: '2026-11-26T12:00:00+07:00', source: fromRecipient });
    // Act
    const late = await recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '03', at: '2026-11-26T10:00:00+07:00', source: fromRecipient });
    // Assess
    expect(late).toMatchObject({ outcome: 'recorded', delivery: { status: '05' } });
    expect(webhooks.queued).toHaveLength(1);
  });

  it('tells both parties when a channel (not an agency) reports the status', async () => {
    // Prepare
    const { deps, webhooks } = await world();
    // Act
    await recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '01', at: '2026-11-26T10:00:00+07:00', source: { channel: 'axis' } });
    // Assess
    expect(webhooks.queued.map((q) => q.message.organId).sort()).toEqual([RECIPIENT, SENDER].sort());
    expect(new Set(webhooks.queued.map((q) => q.message.deliveryId)).size).toBe(2);
  });

  it('re-reads and retries when it loses a race, and gives up with 409 when it keeps losing', async () => {
    // Prepare
    const { deps, deliveries } = await world();
    deliveries.conflicts.push(1);
    // Act
    const won = await recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '01', at: '2026-11-26T10:00:00+07:00', source: fromRecipient });
    deliveries.conflicts.push(2, 2, 2, 2, 2);
    const lost = recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '03', at: '2026-11-26T11:00:00+07:00', source: fromRecipient });
    // Assess
    expect(won.outcome).toBe('moved');
    await expect(lost).rejects.toThrowError(ConflictError);
  });

  it('refuses a 02 without its reason, and a delivery that does not exist', async () => {
    // Prepare
    const { deps } = await world();
    // Act
    const noReason = recordDeliveryStatus(deps, { documentId: 'D1', recipientOrgId: RECIPIENT, code: '02', at: '2026-11-26T10:00:00+07:00', source: fromRecipient });
    const unknown = recordDeliveryStatus(deps, { documentId: 'D2', recipientOrgId: RECIPIENT, code: '01', at: '2026-11-26T10:00:00+07:00', source: fromRecipient });
    // Assess
    await expect(noReason).rejects.toThrowError(UnprocessableError);
    await expect(unknown).rejects.toThrowError(NotFoundError);
  });
});
