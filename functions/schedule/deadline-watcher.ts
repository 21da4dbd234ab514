import type { Context, ScheduledEvent } from 'aws-lambda';
import { composePorts } from '#adapters/ports/compose';
import { agencies } from '#adapters/ports/agencies';
import { calendar } from '#adapters/ports/calendar';
import { clock } from '#adapters/ports/clock';
import { directory } from '#adapters/ports/directory';
import { documents } from '#adapters/ports/documents';
import { ids } from '#adapters/ports/ids';
import { notifier } from '#adapters/ports/notifier';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { reminders } from '#adapters/ports/reminders';
import { reminderPolicyFromEnvironment } from '#adapters/notifications/reminder-policy';
import { createLogger, emitMetric } from '#observability/log';
import { watchDeadlines } from '#app/reminders/watch-deadlines';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('deadline-watcher', { agencies, calendar, clock, directory, documents, ids, notifier, outbox, queue, reminders });

const logger = createLogger({ operation: 'deadlineWatcher' });
const policy = reminderPolicyFromEnvironment();

/**
 * Scheduled every 15 minutes: reminders for documents due soon or overdue, escalations to the leader who
 * assigned them, the overdue flag (layers/app/reminders/watch-deadlines.ts). Stops before the Lambda
 * timeout and continues from the same place next run.
 */
export const handler = instrumented('deadlineWatcher', async (event: ScheduledEvent, context: Context): Promise<void> => {
  const log = logger.child({ correlationId: context.awsRequestId, scheduledAt: event.time });
  const started = Date.now();
  const summary = await watchDeadlines(deps, { timeLeftMs: () => context.getRemainingTimeInMillis(), log, runId: context.awsRequestId, policy });
  log.info('deadline watcher run', { ...summary, ms: Date.now() - started });
  emitMetric('RemindersSent', summary.remindersSent, 'Count');
  emitMetric('Escalations', summary.escalations, 'Count');
  emitMetric('OverdueDocuments', summary.overdueFlagged, 'Count');
  if (summary.deliveryFailures > 0) emitMetric('ReminderDeliveryFailures', summary.deliveryFailures, 'Count');
  if (summary.errors > 0) emitMetric('DeadlineWatcherErrors', summary.errors, 'Count');
});
