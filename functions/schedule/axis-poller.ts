import { dependencies } from '#adapters/dependencies';
import { createLogger, emitMetric } from '#observability/log';
import { pollAxis } from '#app/axis/poll';

/** Scheduled: lists the packages the axis holds for this system and queues them for the receiver. */
export async function handler(): Promise<void> {
  const { listed, queued } = await pollAxis(dependencies());
  createLogger({ operation: 'axisPoller' }).info('axis polled', { listed, queued });
  emitMetric('AxisListed', listed, 'Count');
  emitMetric('AxisQueued', queued, 'Count');
}
