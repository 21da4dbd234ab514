/**
 * When an outbound webhook is tried again: exponential backoff with full jitter (a random delay between 0
 * and min(cap, base × 2^(n-1))), at most `maxAttempts` attempts within `windowSeconds` of the first.
 * SQS delays a message by at most 15 minutes, so a longer wait is made of several hops (see `hopDelaySeconds`).
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly windowSeconds: number;
  readonly baseSeconds: number;
  readonly capSeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 12, windowSeconds: 24 * 60 * 60, baseSeconds: 30, capSeconds: 6 * 60 * 60 };

/** SQS DelaySeconds maximum. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * The instant of the next attempt after failed attempt number `attempt` (1-based within the window), or
 * `undefined` when the policy says give up (attempts used up, or the next one would fall outside the window).
 *
 * @example
 * nextAttemptAt(defaultRetryPolicy, { attempt: 1, windowStartedAt, now, random: Math.random() });
 */
export function nextAttemptAt(policy: RetryPolicy, input: { attempt: number; windowStartedAt: Date; now: Date; random: number }): Date | undefined {
  if (input.attempt >= policy.maxAttempts) return undefined;
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** (input.attempt - 1));
  const delayMs = Math.floor(Math.min(Math.max(input.random, 0), 1) * ceiling * 1000);
  const next = new Date(input.now.getTime() + delayMs);
  const windowEnd = input.windowStartedAt.getTime() + policy.windowSeconds * 1000;
  return next.getTime() > windowEnd ? undefined : next;
}

/** The delay of the next queue hop towards `target`: whole seconds, at most the SQS maximum. */
export function hopDelaySeconds(target: Date, now: Date): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((target.getTime() - now.getTime()) / 1000)));
}
