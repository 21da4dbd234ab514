import { MAX_KEPT_ATTEMPTS, NO_ANSWER, type Attempt, type OutboundDelivery, type OutboxMessage } from '#domain/webhook-keys/outbound';
import type { TransportResult } from '#domain/webhook-keys/ports';
import { hopDelaySeconds, nextAttemptAt } from '#domain/webhook-keys/retry-policy';
import type { WebhookEndpoint } from '#domain/webhook-keys/endpoint';
import { signWebhook } from '#webhooks/index';
import type { Dependencies } from '../context.ts';

/** A receiver has this long to answer one attempt. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

export type SendOutcome =
  /** Nothing to do: no such entry, already settled, or this attempt was made already (a redelivered message). */
  | 'dropped'
  /** The previous attempt is not recorded yet: the message must come back later. */
  | 'not-yet'
  /** Not due yet: sent on as another delayed hop. */
  | 'waiting'
  | 'delivered'
  | 'retry-scheduled'
  /** 410 Gone: the endpoint was disabled. */
  | 'gone'
  | 'gave-up'
  | 'endpoint-disabled';

const SYSTEM = { sub: 'system:webhook-sender', name: 'Webhook sender' };

/**
 * Makes one attempt of an outbound webhook (consumer of `webhookOutbox`): signs the entry's body `v1` with
 * the endpoint's secret under the entry's stable webhook-id and the current time, POSTs it, and records the
 * attempt. 2xx: delivered. 410: the endpoint is disabled. Anything else: the next attempt is queued after a
 * backoff with full jitter, until the policy's attempts or window run out (`failed`, `gave-up`).
 * The next attempt's message is queued before the attempt is recorded, and a message is acted on only when
 * its attempt is the next one, so a crash anywhere leaves a message that repairs it and no duplicate chain.
 *
 * @example
 * const outcome = await sendOutbound(deps, outboxMessageSchema.parse(JSON.parse(record.body)));
 */
export async function sendOutbound(deps: Dependencies, message: OutboxMessage): Promise<SendOutcome> {
  const { store, outbox } = deps.webhooks;
  const entry = await store.getOutbound(message.organId, message.deliveryId);
  if (entry === undefined || entry.status !== 'pending') return 'dropped';
  const made = entry.attempts.at(-1)?.number ?? 0;
  if (made >= message.attempt) return 'dropped';
  if (made < message.attempt - 1) return 'not-yet';

  const now = deps.clock.now();
  if (message.notBefore !== undefined && Date.parse(message.notBefore) > now.getTime()) {
    await outbox.enqueue(message, hopDelaySeconds(new Date(message.notBefore), now));
    return 'waiting';
  }

  const endpoint = await store.getEndpoint(entry.organId);
  if (endpoint === undefined || endpoint.status !== 'active') {
    await settle(deps, entry, { status: 'failed', failure: 'endpoint-disabled' });
    return 'endpoint-disabled';
  }
  const result = await post(deps, entry, endpoint, now);
  const attempt = recordOf(result, message.attempt, now, endpoint.url);

  if (attempt.outcome === 'retry') {
    const next = nextAttemptAt(deps.webhooks.retryPolicy, {
      attempt: entry.windowAttempts + 1,
      windowStartedAt: new Date(entry.windowStartedAt),
      now: deps.clock.now(),
      random: deps.webhooks.random(),
    });
    if (next !== undefined) {
      await outbox.enqueue({ organId: entry.organId, deliveryId: entry.id, attempt: message.attempt + 1, notBefore: next.toISOString() }, hopDelaySeconds(next, deps.clock.now()));
      await settle(deps, entry, { status: 'pending', nextAttemptAt: next.toISOString() }, attempt);
      return 'retry-scheduled';
    }
    await settle(deps, entry, { status: 'failed', failure: 'gave-up' }, { ...attempt, outcome: 'failed' });
    return 'gave-up';
  }
  if (attempt.outcome === 'gone') {
    await disable(deps, endpoint, `${endpoint.url} answered 410 Gone`);
    await settle(deps, entry, { status: 'failed', failure: 'gone' }, attempt);
    return 'gone';
  }
  await settle(deps, entry, { status: 'delivered' }, attempt);
  return 'delivered';
}

async function post(deps: Dependencies, entry: OutboundDelivery, endpoint: WebhookEndpoint, now: Date): Promise<TransportResult> {
  const secret = await deps.webhooks.cipher.decrypt(endpoint.encryptedSecret, { organId: endpoint.organId, keyId: endpoint.secretId });
  const body = Buffer.from(entry.body, 'utf8');
  const headers = signWebhook({ id: entry.id, timestamp: now, rawBody: body, hmacSecrets: [secret] });
  return deps.webhooks.transport.post({ url: endpoint.url, headers: { ...headers }, body, timeoutMs: ATTEMPT_TIMEOUT_MS });
}

function recordOf(result: TransportResult, number: number, at: Date, url: string): Attempt {
  const base = { number, at: at.toISOString(), url, durationMs: result.durationMs };
  if ('failure' in result) return { ...base, error: NO_ANSWER, outcome: 'retry' };
  const outcome = result.statusCode >= 200 && result.statusCode < 300 ? 'delivered' : result.statusCode === 410 ? 'gone' : 'retry';
  return { ...base, statusCode: result.statusCode, outcome };
}

/**
 * Writes the entry's new state (and the attempt). A lost race means another consumer recorded this
 * attempt first; its outcome stands.
 */
async function settle(
  deps: Dependencies,
  entry: OutboundDelivery,
  state: Pick<OutboundDelivery, 'status'> & Partial<Pick<OutboundDelivery, 'failure' | 'nextAttemptAt'>>,
  attempt?: Attempt,
): Promise<void> {
  const { failure: _failure, nextAttemptAt: _next, ...rest } = entry;
  const next: OutboundDelivery = {
    ...rest,
    ...state,
    attempts: attempt === undefined ? entry.attempts : [...entry.attempts, attempt].slice(-MAX_KEPT_ATTEMPTS),
    windowAttempts: entry.windowAttempts + (attempt === undefined ? 0 : 1),
    updatedAt: deps.clock.now().toISOString(),
    version: entry.version + 1,
  };
  await deps.webhooks.store.saveOutbound(next, entry.version);
}

async function disable(deps: Dependencies, endpoint: WebhookEndpoint, reason: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  const next: WebhookEndpoint = { ...endpoint, status: 'disabled', disabledAt: now, disabledReason: reason, updatedAt: now, updatedBy: SYSTEM, version: endpoint.version + 1 };
  // A concurrent change (an admin's PUT) wins: it re-registered the endpoint on purpose.
  await deps.webhooks.store.saveEndpoint(next, endpoint.version);
}
