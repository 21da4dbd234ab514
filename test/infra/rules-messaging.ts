import { prop, resolve, resources, sameResource, type Located, type Templates } from './template.ts';

/** A check over all resources of all stacks; returns one message per violation, empty when clean. */
export type Rule = (templates: Templates) => string[];

export const where = (at: Located): string => `${at.stack}/${at.id}`;

/** Queues that are the dead-letter target of another queue's redrive policy. */
export function deadLetterQueues(templates: Templates): Located[] {
  return resources(templates, 'AWS::SQS::Queue').filter((candidate) =>
    resources(templates, 'AWS::SQS::Queue').some((queue) => sameResource(resolve(templates, queue.stack, prop(queue.resource, 'RedrivePolicy', 'deadLetterTargetArn')), candidate)),
  );
}

/** Every queue that is not itself a dead-letter queue redrives to one, after a bounded number of receives. */
export const queueWithoutDeadLetter: Rule = (templates) => {
  const deadLetters = deadLetterQueues(templates);
  return resources(templates, 'AWS::SQS::Queue')
    .filter((queue) => !deadLetters.some((dlq) => sameResource(dlq, queue)))
    .flatMap((queue) => {
      const target = resolve(templates, queue.stack, prop(queue.resource, 'RedrivePolicy', 'deadLetterTargetArn'));
      const maxReceiveCount = prop(queue.resource, 'RedrivePolicy', 'maxReceiveCount');
      if (target?.resource.Type !== 'AWS::SQS::Queue') return [`${where(queue)}: no dead-letter queue in its RedrivePolicy`];
      if (typeof maxReceiveCount !== 'number' || maxReceiveCount < 1) return [`${where(queue)}: RedrivePolicy without maxReceiveCount`];
      return [];
    });
};

/** Every dead-letter queue has an alarm on ApproximateNumberOfMessagesVisible > 0 with an action. */
export const deadLetterWithoutAlarm: Rule = (templates) => {
  const alarms = resources(templates, 'AWS::CloudWatch::Alarm');
  return deadLetterQueues(templates)
    .filter((dlq) => !alarms.some((alarm) => alarmsOnFirstMessage(templates, alarm, dlq)))
    .map((dlq) => `${where(dlq)}: dead-letter queue without an alarm on ApproximateNumberOfMessagesVisible > 0`);
};

function alarmsOnFirstMessage(templates: Templates, alarm: Located, dlq: Located): boolean {
  const dimensions = prop(alarm.resource, 'Dimensions');
  const watchesQueue =
    Array.isArray(dimensions) &&
    dimensions.some((dimension: unknown) => {
      const { Name, Value } = dimension as { Name?: unknown; Value?: unknown };
      return Name === 'QueueName' && sameResource(resolve(templates, alarm.stack, Value), dlq);
    });
  const threshold = prop(alarm.resource, 'Threshold');
  const operator = prop(alarm.resource, 'ComparisonOperator');
  const firesOnFirst = (operator === 'GreaterThanThreshold' && threshold === 0) || (operator === 'GreaterThanOrEqualToThreshold' && threshold === 1);
  const actions = prop(alarm.resource, 'AlarmActions');
  return (
    watchesQueue &&
    firesOnFirst &&
    prop(alarm.resource, 'Namespace') === 'AWS/SQS' &&
    prop(alarm.resource, 'MetricName') === 'ApproximateNumberOfMessagesVisible' &&
    Array.isArray(actions) &&
    actions.length > 0
  );
}

/** Lambda's default timeout and SQS's default visibility timeout, when the template leaves them out. */
const defaultFunctionTimeout = 3;
const defaultVisibilityTimeout = 30;

/**
 * A queue's visibility timeout is at least six times the timeout of every function consuming it
 * (AWS guidance: otherwise a message still being processed becomes visible and is processed twice).
 */
export const visibilityTooShort: Rule = (templates) =>
  sqsEventSources(templates).flatMap(({ mapping, queue, fn }) => {
    const visibility = prop(queue.resource, 'VisibilityTimeout') ?? defaultVisibilityTimeout;
    const timeout = prop(fn.resource, 'Timeout') ?? defaultFunctionTimeout;
    if (typeof visibility !== 'number' || typeof timeout !== 'number') return [`${where(mapping)}: timeouts are not literal numbers`];
    return visibility >= 6 * timeout ? [] : [`${where(queue)}: visibility ${visibility}s < 6 × ${timeout}s, the timeout of ${where(fn)}`];
  });

/** Every SQS event source reports partial batch failures, so one bad message does not redeliver the batch. */
export const consumerWithoutPartialFailures: Rule = (templates) =>
  sqsEventSources(templates)
    .filter(({ mapping }) => {
      const types = prop(mapping.resource, 'FunctionResponseTypes');
      return !Array.isArray(types) || !types.includes('ReportBatchItemFailures');
    })
    .map(({ mapping }) => `${where(mapping)}: SQS event source without ReportBatchItemFailures`);

/** Every event source mapping reads a queue of these stacks into a function of these stacks. */
export const unresolvedEventSource: Rule = (templates) =>
  resources(templates, 'AWS::Lambda::EventSourceMapping')
    .filter((mapping) => !sqsEventSources(templates).some((source) => sameResource(source.mapping, mapping)))
    .map((mapping) => `${where(mapping)}: event source is not a queue and function of these stacks`);

/** The SQS event source mappings with their queue and function. */
export function sqsEventSources(templates: Templates): { mapping: Located; queue: Located; fn: Located }[] {
  return resources(templates, 'AWS::Lambda::EventSourceMapping').flatMap((mapping) => {
    const queue = resolve(templates, mapping.stack, prop(mapping.resource, 'EventSourceArn'));
    const fn = resolve(templates, mapping.stack, prop(mapping.resource, 'FunctionName'));
    if (queue?.resource.Type !== 'AWS::SQS::Queue' || fn?.resource.Type !== 'AWS::Lambda::Function') return [];
    return [{ mapping, queue, fn }];
  });
}
