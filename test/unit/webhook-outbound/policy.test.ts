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
  const special = (range: string) => [`must not point at a special-purpose address (${range})`];
  it.each([
    ['https://g12.gov.vn/hooks/vanthu', false, []],
    ['https://g12.gov.vn./hooks', false, []],
    ['https://localhost.gov.vn/hooks', false, []],
    // A name is checked when it is sent to (every address it resolves to), not here.
    ['https://127.0.0.1.nip.io/hook', false, []],
    ['https://[2606:4700:4700::1111]/hook', false, []],
    ['https://[::ffff:8.8.8.8]/hook', false, []],
    ['http://g12.gov.vn/hooks', false, ['must use https']],
    ['http://127.0.0.1:8080/hook', false, ['must use https']],
    ['https://127.0.0.1/hook', false, special('127.0.0.0/8, loopback')],
    ['http://127.0.0.1:8080/hook', true, []],
    ['http://localhost:8080/hook', true, []],
    ['http://[::1]:8080/hook', true, []],
    ['http://example.vn/hook', true, ['must use https']],
    ['https://10.1.2.3/hook', true, special('10.0.0.0/8, private-use')],
    ['https://10.1.2.3/hook', false, special('10.0.0.0/8, private-use')],
    ['https://169.254.169.254/latest/meta-data', false, special('169.254.0.0/16, link-local')],
    ['https://0x7f.1/hook', false, special('127.0.0.0/8, loopback')],
    ['https://2130706433/hook', false, special('127.0.0.0/8, loopback')],
    ['https://0177.0.0.1/hook', false, special('127.0.0.0/8, loopback')],
    ['https://１２７.０.０.１/hook', false, special('127.0.0.0/8, loopback')],
    ['https://%31%32%37.0.0.1/hook', false, special('127.0.0.0/8, loopback')],
    ['https://0/hook', false, special('0.0.0.0/8, this network')],
    ['https://localhost/hook', false, special('localhost, loopback')],
    ['https://localhost./hook', false, special('localhost, loopback')],
    ['https://LOCALHOST../hook', false, special('localhost, loopback')],
    ['https://api.localhost/hook', false, special('localhost, loopback')],
    ['https://[::1]/hook', false, special('::1/128, loopback')],
    ['https://[0:0:0:0:0:0:0:1]/hook', false, special('::1/128, loopback')],
    ['https://[::]/hook', false, special('::/128, unspecified')],
    ['https://[::127.0.0.1]/hook', false, special('::/96, IPv4-compatible (deprecated)')],
    ['https://[::ffff:127.0.0.1]/hook', false, special('::ffff:0:0/96 → 127.0.0.0/8, IPv4-mapped loopback')],
    ['https://[::ffff:a9fe:a9fe]/hook', false, special('::ffff:0:0/96 → 169.254.0.0/16, IPv4-mapped link-local')],
    ['https://[64:ff9b::10.0.0.1]/hook', false, special('64:ff9b::/96, NAT64 well-known prefix')],
    ['https://[64:ff9b:1::a00:1]/hook', false, special('64:ff9b:1::/48, NAT64 local-use')],
    ['https://[2002:a9fe:a9fe::1]/hook', false, special('2002::/16 → 169.254.0.0/16, 6to4 of link-local')],
    ['https://[fd00::1]/hook', false, special('fc00::/7, unique local')],
    ['https://[fe80::1]/hook', false, special('fe80::/10, link-local')],
    ['https://[ff02::1]/hook', false, special('ff00::/8, multicast')],
    ['https://[2001:db8::1]/hook', false, special('2001:db8::/32, documentation')],
    ['https://[100::1]/hook', false, special('100::/64, discard-only')],
    ['https://198.18.0.1/hook', false, special('198.18.0.0/15, benchmarking')],
    ['https://224.0.0.251/hook', false, special('224.0.0.0/4, multicast')],
    ['https://255.255.255.255/hook', false, special('255.255.255.255/32, limited broadcast')],
    ['https://100.64.0.1/hook', false, special('100.64.0.0/10, shared address space')],
    ['https://user:pw@g12.gov.vn/hook', false, ['must not carry a user name or password']],
    ['https://g12.gov.vn/hook#x', false, ['must not have a #fragment']],
    ['https://[fe80::1%25eth0]/hook', false, ['is not an absolute URL']],
    ['g12.gov.vn/hook', false, ['is not an absolute URL']],
    ['ftp://g12.gov.vn/hook', true, ['must use https']],
    ['ftp://127.0.0.1/hook', true, ['must use https']],
  ] as const)('%s (loopback allowed: %s) → %j', (url, allowLoopback, messages) => {
    // Act
    const issues = checkEndpointUrl(url, { allowLoopback });
    // Assess
    expect(issues.map((i) => i.message)).toEqual(messages);
    expect(issues.every((i) => i.path === 'body.url')).toBe(true);
  });
});
