import { describe, expect, it } from 'vitest';
import { sendOutbound } from '#app/webhooks/send';
import type { WebhookEndpoint } from '#domain/webhook-keys/endpoint';
import type { OutboundDelivery } from '#domain/webhook-keys/outbound';
import type { TransportResult } from '#domain/webhook-keys/ports';
import { generateSecret, parseSecret, verifyWebhook } from '#webhooks/index';
import { fakeDependencies } from '../../support/fake-dependencies.ts';
import { fakeWebhooks, markingCipher } from '../webhook-support/fakes.ts';

const ORGAN = '000.00.91.H26';
const now = new Date('2026-11-26T03:00:00Z');
const secret = generateSecret();

async function world(answers: TransportResult[] = [], entry: Partial<OutboundDelivery> = {}) {
  const webhooks = fakeWebhooks(answers);
  const endpoint: WebhookEndpoint = {
    organId: ORGAN,
    url: 'https://dept.hanoi.gov.vn/hooks',
    events: ['document.status'],
    status: 'active',
    secretId: 'whs_1',
    encryptedSecret: await markingCipher.encrypt(parseSecret(secret), { organId: ORGAN, keyId: 'whs_1' }),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    updatedBy: { sub: 'admin', name: 'Admin' },
    version: 1,
  };
  await webhooks.store.saveEndpoint(endpoint, 0);
  await webhooks.store.createOutbound({
    organId: ORGAN,
    id: 'evt_1',
    type: 'document.status',
    body: '{"type":"document.status","data":{"statusCode":"03"}}',
    status: 'pending',
    attempts: [],
    windowAttempts: 0,
    windowStartedAt: now.toISOString(),
    replays: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    ...entry,
  });
  const deps = fakeDependencies({ webhooks, clock: { now: () => now } });
  return { webhooks, deps, entry: () => webhooks.store.getOutbound(ORGAN, 'evt_1') };
}

const first = { organId: ORGAN, deliveryId: 'evt_1', attempt: 1 };

describe('sending an outbound webhook', () => {
  it('posts the body signed v1 with the endpoint secret under the stable id, and records the delivery', async () => {
    // Prepare
    const { deps, webhooks, entry } = await world();
    // Act
    const outcome = await sendOutbound(deps, first);
    // Assess
    expect(outcome).toBe('delivered');
    const [request] = webhooks.posted;
    if (request === undefined) throw new Error('nothing posted');
    expect(request.headers['webhook-id']).toBe('evt_1');
    expect(verifyWebhook({ headers: request.headers, rawBody: request.body, keys: { hmacSecrets: [parseSecret(secret)], ed25519PublicKeys: [] }, now }).ok).toBe(true);
    expect(await entry()).toMatchObject({ status: 'delivered', attempts: [{ number: 1, statusCode: 200, outcome: 'delivered' }], version: 2 });
  });

  it('queues the next attempt with a jittered delay before recording a failure', async () => {
    // Prepare
    const { deps, webhooks, entry } = await world([{ statusCode: 503, durationMs: 3 }]);
    // Act
    const outcome = await sendOutbound(deps, first);
    // Assess: random 0.5 of base 30 s
    expect(outcome).toBe('retry-scheduled');
    expect(webhooks.queued).toEqual([{ message: { ...first, attempt: 2, notBefore: '2026-11-26T03:00:15.000Z' }, delaySeconds: 15 }]);
    expect(await entry()).toMatchObject({ status: 'pending', nextAttemptAt: '2026-11-26T03:00:15.000Z', windowAttempts: 1, attempts: [{ statusCode: 503, outcome: 'retry' }] });
  });

  it.each(['no-answer', 'address-refused'] as const)('treats %s like a failure, recorded with one neutral reason', async (failure) => {
    // Prepare
    const { deps, entry } = await world([{ failure, durationMs: 10_000 }]);
    // Act
    const outcome = await sendOutbound(deps, first);
    // Assess
    expect(outcome).toBe('retry-scheduled');
    expect((await entry())?.attempts).toEqual([expect.objectContaining({ error: 'the endpoint did not answer', outcome: 'retry' })]);
  });

  it('gives up when the policy says so', async () => {
    // Prepare
    const { deps, webhooks, entry } = await world([{ statusCode: 500, durationMs: 1 }], {
      windowAttempts: 11,
      attempts: [{ number: 11, at: '', url: '', statusCode: 500, durationMs: 1, outcome: 'retry' }],
    });
    // Act
    const outcome = await sendOutbound(deps, { ...first, attempt: 12 });
    // Assess
    expect(outcome).toBe('gave-up');
    expect(webhooks.queued).toEqual([]);
    expect(await entry()).toMatchObject({ status: 'failed', failure: 'gave-up' });
  });

  it('disables the endpoint on 410 and stops', async () => {
    // Prepare
    const { deps, webhooks, entry } = await world([{ statusCode: 410, durationMs: 1 }]);
    // Act
    const outcome = await sendOutbound(deps, first);
    // Assess
    expect(outcome).toBe('gone');
    expect(await webhooks.store.getEndpoint(ORGAN)).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('410') });
    expect(await entry()).toMatchObject({ status: 'failed', failure: 'gone' });
    expect(await sendOutbound(deps, { ...first, attempt: 2 })).toBe('dropped');
  });

  it('acts on a message only when its attempt is the next one', async () => {
    // Prepare
    const { deps, webhooks } = await world([], { attempts: [{ number: 1, at: '', url: '', statusCode: 500, durationMs: 1, outcome: 'retry' }] });
    // Act
    const redelivered = await sendOutbound(deps, first);
    const early = await sendOutbound(deps, { ...first, attempt: 3 });
    // Assess
    expect([redelivered, early]).toEqual(['dropped', 'not-yet']);
    expect(webhooks.posted).toEqual([]);
  });

  it('sends a message that is not due yet on as another delayed hop', async () => {
    // Prepare
    const { deps, webhooks } = await world();
    const notBefore = new Date(now.getTime() + 3600_000).toISOString();
    // Act
    const outcome = await sendOutbound(deps, { ...first, notBefore });
    // Assess
    expect(outcome).toBe('waiting');
    expect(webhooks.queued).toEqual([{ message: { ...first, notBefore }, delaySeconds: 900 }]);
    expect(webhooks.posted).toEqual([]);
  });

  it('fails the delivery when the endpoint was disabled meanwhile', async () => {
    // Prepare
    const { deps, webhooks, entry } = await world();
    const endpoint = await webhooks.store.getEndpoint(ORGAN);
    if (endpoint === undefined) throw new Error('no endpoint');
    await webhooks.store.saveEndpoint({ ...endpoint, status: 'disabled', version: 2 }, 1);
    // Act
    const outcome = await sendOutbound(deps, first);
    // Assess
    expect(outcome).toBe('endpoint-disabled');
    expect(await entry()).toMatchObject({ status: 'failed', failure: 'endpoint-disabled', attempts: [] });
  });
});
