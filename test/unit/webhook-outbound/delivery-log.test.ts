import { describe, expect, it } from 'vitest';
import { listWebhookDeliveries } from '#app/webhooks/delivery-log';
import type { OrganisationUnit } from '#domain/agency/unit';
import { fakeDependencies } from '../../support/fake-dependencies.ts';
import { fakeWebhooks } from '../webhook-support/fakes.ts';

const ORGAN = '000.00.91.H26';

describe('the outbound delivery log', () => {
  it('never shows network detail, even in attempts recorded before errors were neutral', async () => {
    // Prepare
    const webhooks = fakeWebhooks();
    const at = '2026-11-26T03:00:00.000Z';
    await webhooks.store.createOutbound({
      organId: ORGAN,
      id: 'evt_old',
      type: 'document.status',
      body: '{}',
      status: 'pending',
      attempts: [
        { number: 1, at, url: 'https://dept.hanoi.gov.vn/hooks', error: 'fetch failed: ECONNREFUSED', durationMs: 3, outcome: 'retry' },
        { number: 2, at, url: 'https://dept.hanoi.gov.vn/hooks', statusCode: 200, durationMs: 3, outcome: 'delivered' },
      ],
      windowAttempts: 2,
      windowStartedAt: at,
      replays: 0,
      createdAt: at,
      updatedAt: at,
      version: 2,
    });
    const agencies = { get: async (code: string) => ({ code102: code, name: 'Sở Nội vụ' }) as OrganisationUnit };
    const deps = fakeDependencies({ webhooks, agencies: agencies as never });
    // Act
    const page = await listWebhookDeliveries(deps, { principal: { sub: 'a', organId: ORGAN, roles: ['admin'], name: 'Admin' }, correlationId: 'c' }, ORGAN, { limit: 25 });
    // Assess
    expect(page.items[0]?.attempts.map((a) => a.error)).toEqual(['the endpoint did not answer', undefined]);
    expect(JSON.stringify(page)).not.toContain('ECONNREFUSED');
  });
});
