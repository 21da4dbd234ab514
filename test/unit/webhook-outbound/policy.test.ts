import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEndpointUrl } from '#domain/webhook-keys/endpoint';
import { defaultRetryPolicy, hopDelaySeconds, MAX_QUEUE_DELAY_SECONDS, nextAttemptAt } from '#domain/webhook-keys/retry-policy';

const start = new Date('2026-11-26T00:00:00Z');

describe('the retry policy', () => {
  it('waits a random time up to base × 2^(n-1), capped (full jitter)', () => {
    // Act
    const longest = (attempt: number) => (nextAttemptAt(defaultRetryPolicy, { attempt, windowStartedAt: start, now: start, random: 1 })?.getTime() ?? 0) - start.getTime();
    const shortest = nextAttemptAt(defaultRetryPolicy, { attempt: 5, windowStartedAt: start, now: start, random: 0 });
    // Assess
    expect([1, 2, 3, 4].map(longest)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(longest(11)).toBe(defaultRetryPolicy.capSeconds * 1000);
    expect(shortest).toEqual(start);
  });

  it('gives up after the last attempt, or when the next one would fall outside the window', () => {
    // Prepare
    const late = new Date(start.getTime() + (defaultRetryPolicy.windowSeconds - 60) * 1000);
    // Assess
    expect(nextAttemptAt(defaultRetryPolicy, { attempt: defaultRetryPolicy.maxAttempts, windowStartedAt: start, now: start, random: 0 })).toBeUndefined();
    expect(nextAttemptAt(defaultRetryPolicy, { attempt: 3, windowStartedAt: start, now: late, random: 1 })).toBeUndefined();
    expect(nextAttemptAt(defaultRetryPolicy, { attempt: 3, windowStartedAt: start, now: late, random: 0 })).toEqual(late);
  });

  it('never schedules beyond the window nor more than the attempts allowed (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }), (randoms) => {
        // Act: fail every attempt
        let now = start;
        let attempts = 1;
        for (const random of randoms) {
          const next = nextAttemptAt(defaultRetryPolicy, { attempt: attempts, windowStartedAt: start, now, random });
          if (next === undefined) break;
          now = next;
          attempts += 1;
        }
        // Assess
        expect(attempts).toBeLessThanOrEqual(defaultRetryPolicy.maxAttempts);
        expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(defaultRetryPolicy.windowSeconds * 1000);
      }),
    );
  });

  it('splits a long wait into SQS delays of at most 15 minutes', () => {
    // Assess
    expect(hopDelaySeconds(new Date(start.getTime() + 2 * 3600 * 1000), start)).toBe(MAX_QUEUE_DELAY_SECONDS);
    expect(hopDelaySeconds(new Date(start.getTime() + 1500), start)).toBe(2);
    expect(hopDelaySeconds(new Date(start.getTime() - 5000), start)).toBe(0);
  });
});

describe('endpoint URLs', () => {
  it.each([
    ['https://g12.gov.vn/hooks/vanthu', false, []],
    ['http://g12.gov.vn/hooks', false, ['must use https']],
    ['http://127.0.0.1:8080/hook', false, ['must use https']],
    ['https://127.0.0.1/hook', false, ['must not point at a loopback, private or link-local address']],
    ['http://127.0.0.1:8080/hook', true, []],
    ['http://localhost:8080/hook', true, []],
    ['http://example.vn/hook', true, ['must use https']],
    ['https://10.1.2.3/hook', false, ['must not point at a loopback, private or link-local address']],
    ['https://169.254.169.254/latest/meta-data', false, ['must not point at a loopback, private or link-local address']],
    ['https://0x7f.1/hook', false, ['must not point at a loopback, private or link-local address']],
    ['https://[::1]/hook', false, ['must not point at a loopback, private or link-local address']],
    ['https://[fd00::1]/hook', false, ['must not point at a loopback, private or link-local address']],
    ['https://user:pw@g12.gov.vn/hook', false, ['must not carry a user name or password']],
    ['https://g12.gov.vn/hook#x', false, ['must not have a #fragment']],
    ['g12.gov.vn/hook', false, ['is not an absolute URL']],
    ['ftp://g12.gov.vn/hook', true, ['must use https']],
  ] as const)('%s (loopback allowed: %s) → %j', (url, allowLoopback, messages) => {
    // Act
    const issues = checkEndpointUrl(url, { allowLoopback });
    // Assess
    expect(issues.map((i) => i.message)).toEqual(messages);
  });
});
