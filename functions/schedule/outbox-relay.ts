import { composePorts } from '#adapters/ports/compose';
import { clock } from '#adapters/ports/clock';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { createLogger, emitMetric } from '#observability/log';
import { relayPending } from '#app/outbox/relay';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('outbox-relay', { clock, outbox, queue });

/** Scheduled: hands over outbox entries a crash or an outage left behind (normally none). */
export const handler = instrumented('outboxRelay', async (): Promise<void> => {
  const relayed = await relayPending(deps, { limit: 500 });
  if (relayed > 0) createLogger({ operation: 'outboxRelay' }).warn('relayed entries left pending', { relayed });
  emitMetric('OutboxRelayed', relayed, 'Count');
});
