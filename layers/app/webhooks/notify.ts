import { createHash } from 'node:crypto';
import type { OutboundEventType } from '#domain/webhook-keys/endpoint';
import type { OutboundDelivery } from '#domain/webhook-keys/outbound';
import type { Dependencies } from '../context.ts';

/** An event for an agency's endpoint; `id` is stable, so telling the same thing twice sends it once. */
export interface OutboundEvent {
  readonly id: string;
  readonly type: OutboundEventType;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type NotifyOutcome =
  | { readonly kind: 'queued'; readonly deliveryId: string }
  | { readonly kind: 'exists'; readonly deliveryId: string }
  | { readonly kind: 'skipped'; readonly reason: 'no-endpoint' | 'endpoint-disabled' | 'not-subscribed' };

/**
 * Tells an agency about an event through its registered endpoint: writes the delivery log entry (the
 * exact body every attempt will send) and queues the first attempt on `webhookOutbox`. Nothing happens
 * for an agency without an active endpoint subscribed to the event type.
 *
 * @example
 * await notifyAgency(deps, '000.00.00.G12', { id: statusEventId(docId, recipient, '03', '000.00.00.G12'), type: 'document.status', occurredAt, data });
 */
export async function notifyAgency(deps: Dependencies, organId: string, event: OutboundEvent): Promise<NotifyOutcome> {
  const { store, outbox } = deps.webhooks;
  const endpoint = await store.getEndpoint(organId);
  if (endpoint === undefined) return { kind: 'skipped', reason: 'no-endpoint' };
  if (endpoint.status !== 'active') return { kind: 'skipped', reason: 'endpoint-disabled' };
  if (!endpoint.events.includes(event.type)) return { kind: 'skipped', reason: 'not-subscribed' };

  const now = deps.clock.now().toISOString();
  const entry: OutboundDelivery = {
    organId,
    id: event.id,
    type: event.type,
    body: JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data }),
    status: 'pending',
    attempts: [],
    windowAttempts: 0,
    windowStartedAt: now,
    replays: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if ((await store.createOutbound(entry)) === 'created') {
    await outbox.enqueue({ organId, deliveryId: entry.id, attempt: 1 });
    return { kind: 'queued', deliveryId: entry.id };
  }
  // An entry that never got an attempt may have lost its queue message (a crash right after the write):
  // queue it again; the sender drops a message whose attempt was already made.
  const existing = await store.getOutbound(organId, event.id);
  if (existing?.status === 'pending' && existing.attempts.length === 0) await outbox.enqueue({ organId, deliveryId: event.id, attempt: 1 });
  return { kind: 'exists', deliveryId: event.id };
}

/**
 * The stable event id of a reported status, per party told: the `webhook-id` the receiver deduplicates on.
 *
 * @example
 * statusEventId('01J…', '000.00.00.G12', '03', '000.00.91.H26'); // 'evt_…' (visible ASCII, no ".")
 */
export function statusEventId(documentId: string, recipientOrgId: string, code: string, toldOrgId: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(['document.status', documentId, recipientOrgId, code, toldOrgId]))
    .digest('base64url');
  return `evt_${digest.slice(0, 32)}`;
}
