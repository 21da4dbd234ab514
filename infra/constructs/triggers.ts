import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type { VanthuFunction } from './function.ts';
import type { MessageQueue } from './queues.ts';

/** Standard queues deliver more than 10 messages a batch only with a batching window. */
const largeBatchWindow = Duration.seconds(1);

/**
 * Makes a function the consumer of a queue: an event source mapping that reports partial batch
 * failures (only the failed messages return to the queue) and the receive/delete grants on it.
 *
 * @example
 * bindQueueConsumer(fn, queues.get('axisOutbox'), 10);
 */
export function bindQueueConsumer(fn: VanthuFunction, source: MessageQueue, batchSize: number): void {
  const window = batchSize > 10 && !source.definition.fifo ? { maxBatchingWindow: largeBatchWindow } : {};
  fn.handler.addEventSource(new SqsEventSource(source.queue, { batchSize, reportBatchItemFailures: true, ...window }));
}

/**
 * Runs a function every `everyMinutes` minutes with EventBridge Scheduler. A run that cannot be delivered
 * within one period is dropped: the next run does the same work.
 *
 * @example
 * bindSchedule(fn, 5);
 */
export function bindSchedule(fn: VanthuFunction, everyMinutes: number): scheduler.Schedule {
  const period = Duration.minutes(everyMinutes);
  return new scheduler.Schedule(fn, 'Schedule', {
    description: `vanthu ${fn.definition.name} every ${everyMinutes} min`,
    schedule: scheduler.ScheduleExpression.rate(period),
    target: new targets.LambdaInvoke(fn.handler, { retryAttempts: 2, maxEventAge: period }),
  });
}
