import { dependencies } from '#adapters/dependencies';
import { createLogger, emitMetric } from '#observability/log';
import { relayPending } from '#app/outbox/relay';

/** Scheduled: hands over outbox entries a crash or an outage left behind (normally none). */
export async function handler(): Promise<void> {
  const relayed = await relayPending(dependencies(), { limit: 500 });
  if (relayed > 0) createLogger({ operation: 'outboxRelay' }).warn('relayed entries left pending', { relayed });
  emitMetric('OutboxRelayed', relayed, 'Count');
}
