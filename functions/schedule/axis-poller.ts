import { composePorts } from '#adapters/ports/compose';
import { axis } from '#adapters/ports/axis';
import { axisInbox } from '#adapters/ports/axis-inbox';
import { clock } from '#adapters/ports/clock';
import { queue } from '#adapters/ports/queue';
import { createLogger, emitMetric } from '#observability/log';
import { pollAxis } from '#app/axis/poll';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('axis-poller', { axis, axisInbox, clock, queue });

/** Scheduled: lists the packages the axis holds for this system and queues them for the receiver. */
export const handler = instrumented('axisPoller', async (): Promise<void> => {
  const { listed, queued } = await pollAxis(deps);
  createLogger({ operation: 'axisPoller' }).info('axis polled', { listed, queued });
  emitMetric('AxisListed', listed, 'Count');
  emitMetric('AxisQueued', queued, 'Count');
});
