import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '#adapters/aws/sqs-client';
import { startTestApi, type TestApi } from '../support/api.ts';
import { runExchange } from '../support/exchange-scenario.ts';

/**
 * The exchange under faults (issue 5): N documents from a city agency to another system (and N/5 back),
 * through an axis simulator that fails 10 % of calls, hangs 5 %, commits-then-fails 5 % (a retried send
 * delivers twice) and lists 20 % of packages again, in shuffled order. Every document must be delivered
 * exactly once, every status consistent on both sides, and the dead-letter queues empty at the end.
 */
const N = Number(process.env.EXCHANGE_DOCUMENTS ?? 1000);
const INBOUND = Number(process.env.EXCHANGE_INBOUND ?? Math.ceil(N / 5));
let api: TestApi;

beforeAll(async () => {
  process.env.AXIS_TIMEOUT_MS = '400';
  api = await startTestApi({
    scheduleSpeedup: 120,
    axisSwitches: { errorRate: 0.1, timeoutRate: 0.05, commitThenFailRate: 0.05, duplicateListingRate: 0.2, reorder: true, seed: 2026, maxHangMs: 1000 },
  });
});

afterAll(async () => {
  await api.runtime.close();
});

describe(`exchange of ${N} documents out and ${INBOUND} in through a faulty axis`, () => {
  it('delivers every document exactly once, keeps every status consistent, and leaves the DLQs empty', async () => {
    const result = await runExchange(api, { outbound: N, inbound: INBOUND, deadlineMs: 900_000 });
    expect(result.peerSeen.size).toBe(N);
    expect(result.peerStatuses.size).toBe(INBOUND);
    expect([...result.peerStatuses.values()].every((code) => code === '01')).toBe(true);
    expect(result.deliveries.filter((items) => items.length !== 1 || items[0].status !== '03')).toEqual([]);
    expect(result.deliveries.filter((items) => items[0].history.filter((h: any) => h.code === 'sent').length !== 1)).toEqual([]);
    expect(result.arrived).toHaveLength(INBOUND);
    expect(new Set(result.arrived.map((d) => d.source.documentId)).size).toBe(INBOUND);
    for (const url of Object.values(api.runtime.names.deadLetterUrls)) {
      const attributes = await sqsClient().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
      expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('0');
    }
    const faults = api.runtime.axis.simulator.state().faults;
    expect(faults.errors + faults.timeouts + faults.committedThenFailed).toBeGreaterThan(0);
    process.stdout.write(`exchange of ${N} documents out and ${INBOUND} in: ${result.totalSeconds.toFixed(1)} s, faults injected: ${JSON.stringify(faults)}\n`);
  }, 1_200_000);
});
