import type { OutboxEntry, OutboxMessage } from '#domain/outbox';
import type { QueueName } from '#domain/outbox';
import { createLogger } from '#observability/log';
import type { Dependencies } from '../context.ts';

/** A new outbox entry; it is written by the caller in the transaction of the change that causes it. */
export function outboxEntry(deps: Pick<Dependencies, 'ids' | 'clock'>, queue: QueueName, groupId: string, body: OutboxMessage): OutboxEntry {
  return { id: deps.ids.next(), queue, groupId, body, createdAt: deps.clock.now().toISOString() };
}

/**
 * Hands entries to their queues right after their transaction committed. A failure here is logged and
 * left to the scheduled relay (relayPending): the entry stays pending, nothing is lost.
 */
export async function relayEntries(deps: Pick<Dependencies, 'queue' | 'outbox' | 'clock'>, entries: readonly OutboxEntry[]): Promise<number> {
  let relayed = 0;
  for (const entry of entries) {
    try {
      await deps.queue.send(entry.queue, { body: JSON.stringify(entry.body), groupId: entry.groupId, deduplicationId: entry.id });
      if (await deps.outbox.markRelayed(entry.id, deps.clock.now())) relayed += 1;
    } catch (error) {
      createLogger({ outboxEntry: entry.id }).warn('outbox hand-over deferred to the scheduled relay', { error });
    }
  }
  return relayed;
}

/** The scheduled relay: every entry still pending (a crash after commit, a queue outage) is handed over. */
export async function relayPending(deps: Pick<Dependencies, 'queue' | 'outbox' | 'clock'>, options: { limit: number }): Promise<number> {
  const pending = await deps.outbox.pending(options.limit);
  return relayEntries(deps, pending);
}
