import type { Context, ScheduledEvent } from 'aws-lambda';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';
import { composePorts } from '#adapters/ports/compose';
import { documents } from '#adapters/ports/documents';
import { finishIndexing } from '#app/search/finish-indexing';
import { createLogger, emitMetric } from '#observability/log';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('search-index-sweeper', { agencies, clock, documents });

const logger = createLogger({ operation: 'searchIndexSweeper' });

/**
 * Scheduled every 5 minutes: indexes for search what writes left pending for more than a minute
 * (layers/app/search/finish-indexing.ts). `SearchPendingLeft` above zero run after run means writes keep
 * leaving their indexing undone: look for reconcile warnings in the functions' logs.
 */
export const handler = instrumented('searchIndexSweeper', async (event: ScheduledEvent, context: Context): Promise<void> => {
  const log = logger.child({ correlationId: context.awsRequestId, scheduledAt: event.time });
  const started = Date.now();
  const report = await finishIndexing(deps, { timeLeftMs: () => context.getRemainingTimeInMillis() });
  log.info('search index sweeper run', { ...report, ms: Date.now() - started });
  emitMetric('SearchPendingFinished', report.finished, 'Count');
  emitMetric('SearchPendingLeft', report.left, 'Count');
});
