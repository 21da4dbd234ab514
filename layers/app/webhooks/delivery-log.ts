import type { Page } from '#domain/documents/store';
import { ConflictError, NotFoundError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { NO_ANSWER, type OutboundDelivery } from '#domain/webhook-keys/outbound';
import type { Dependencies, RequestContext } from '../context.ts';
import { administeredAgency } from './scope.ts';

/**
 * The agency's outbound webhook log, newest first: each event with its body and every attempt (time, URL,
 * HTTP status or error, duration).
 *
 * @example
 * const page = await listWebhookDeliveries(deps, ctx, '000.00.00.G12', { limit: 25 });
 */
export async function listWebhookDeliveries(deps: Dependencies, ctx: RequestContext, code: string, page: { limit: number; nextToken?: string }): Promise<Page<OutboundDelivery>> {
  authorize(ctx.principal, 'webhook.deliveries');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  const found = await deps.webhooks.store.listOutbound(organId, page);
  return { ...found, items: found.items.map(withNeutralErrors) };
}

/**
 * Sends a settled delivery again (after the receiver fixed its side, or after a 410 once the endpoint is
 * registered again): same webhook-id and body, a fresh retry window, the attempt count going on.
 *
 * @throws {ConflictError} `delivery-pending` (still being tried), `endpoint-disabled` (register it again first).
 * @example
 * await replayWebhookDelivery(deps, ctx, '000.00.00.G12', 'evt_…');
 */
export async function replayWebhookDelivery(deps: Dependencies, ctx: RequestContext, code: string, id: string): Promise<OutboundDelivery> {
  authorize(ctx.principal, 'webhook.deliveries');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  const { store, outbox } = deps.webhooks;
  const entry = await store.getOutbound(organId, id);
  if (entry === undefined) throw new NotFoundError(`Agency ${organId} has no webhook delivery ${id}.`, { details: { organId, id } });
  if (entry.status === 'pending') throw new ConflictError('delivery-pending', `Delivery ${id} is still being tried; wait until it is delivered or failed.`);
  const endpoint = await store.getEndpoint(organId);
  if (endpoint?.status !== 'active')
    throw new ConflictError('endpoint-disabled', `Agency ${organId} has no active endpoint; register it again (PUT /agencies/${organId}/webhook-endpoint) first.`);

  const now = deps.clock.now().toISOString();
  const { failure: _failure, nextAttemptAt: _next, ...rest } = entry;
  const next: OutboundDelivery = { ...rest, status: 'pending', windowAttempts: 0, windowStartedAt: now, replays: entry.replays + 1, updatedAt: now, version: entry.version + 1 };
  if ((await store.saveOutbound(next, entry.version)) === 'conflict') throw new ConflictError('stale-delivery', `Delivery ${id} changed meanwhile; read it and try again.`);
  await outbox.enqueue({ organId, deliveryId: id, attempt: (entry.attempts.at(-1)?.number ?? 0) + 1 });
  return withNeutralErrors(next);
}

/** Attempts recorded before errors were neutral may hold network detail (ECONNREFUSED to a port): never shown. */
function withNeutralErrors(entry: OutboundDelivery): OutboundDelivery {
  return { ...entry, attempts: entry.attempts.map((attempt) => (attempt.error === undefined ? attempt : { ...attempt, error: NO_ANSWER })) };
}
