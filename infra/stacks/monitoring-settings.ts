import * as logs from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { queueNames, type QueueName } from '#domain/outbox';

/**
 * The monitoring settings of a stage (read by ./config.ts with the others): the alarm thresholds and how long
 * logs are kept. Defaults fit a stage of a few hundred officials; docs/DEPLOY.md ("Alarms and dashboard")
 * says what each alarm watches and what to look at first.
 */
export type AlarmThresholds = z.output<typeof alarmThresholds>;

/** A count in 5 minutes above which an alarm fires: 0 alarms on the first one. */
const count = (name: string) => z.number(`${name}: a number`).int(`${name}: a whole number`).nonnegative(`${name}: 0 or more (0: the first one alarms)`);

/** SQS keeps a message at most 14 days: an older threshold could never be crossed. */
const maxMessageAgeSeconds = 14 * 24 * 60 * 60;

const messageAge = (name: string) =>
  z
    .number(`${name}: a number of seconds`)
    .int(`${name}: whole seconds`)
    .positive(`${name}: more than 0 seconds`)
    .max(maxMessageAgeSeconds, `${name}: at most ${maxMessageAgeSeconds} seconds (SQS keeps a message 14 days at most)`);

const thresholdShape = {
  /** Errors of one function in 5 minutes (uncaught errors, timeouts, out of memory). */
  functionErrors: count('functionErrors').default(0),
  /** Throttled invocations of one function in 5 minutes. */
  functionThrottles: count('functionThrottles').default(0),
  /** API responses with a 5xx status in 5 minutes. */
  api5xx: count('api5xx').default(5),
  /** The API's 99th percentile latency over 5 minutes; HTTP APIs give up on an integration after 30 s. */
  apiLatencyP99Ms: z
    .number('apiLatencyP99Ms: a number of milliseconds')
    .positive('apiLatencyP99Ms: more than 0 ms')
    .max(30_000, 'apiLatencyP99Ms: at most 30000 ms (an HTTP API answers 503 after 30 s)')
    .default(5_000),
  /** Throttled requests to the table in 5 minutes (the SDK retries them, so a few go unnoticed by users). */
  tableThrottles: count('tableThrottles').default(10),
  /** Age of the oldest message of a work queue, for queues without an override. */
  queueOldestMessageSeconds: messageAge('queueOldestMessageSeconds').default(15 * 60),
  /** Overrides of queueOldestMessageSeconds by queue logical name (`{"webhookOutbox": 3600}`). */
  queueOldestMessageSecondsByQueue: z
    .partialRecord(z.enum(queueNames, { error: `queueOldestMessageSecondsByQueue: a queue of ${queueNames.join(', ')}` }), messageAge('queueOldestMessageSecondsByQueue'))
    .default({}),
  /**
   * Consecutive 5-minute periods a metric must be over its threshold before its alarm fires (the dead-letter
   * alarms fire on the first message, whatever this says). CloudWatch evaluates at most a day: 288 periods.
   */
  evaluationPeriods: z
    .number('evaluationPeriods: a number')
    .int('evaluationPeriods: a whole number')
    .min(1, 'evaluationPeriods: at least 1')
    .max(288, 'evaluationPeriods: at most 288 (a day of 5-minute periods)')
    .default(1),
};

const alarmThresholds = z.strictObject(thresholdShape, {
  error: (issue) =>
    issue.code === 'unrecognized_keys' ? `alarmThresholds: unknown ${issue.keys.join(', ')}; the thresholds are ${Object.keys(thresholdShape).join(', ')}` : undefined,
});

/** An object in cdk.json, or its JSON text on the command line (`-c alarmThresholds='{"api5xx":10}'`) or in the environment. */
export const alarmThresholdsSetting = z
  .unknown()
  .transform((value, context) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      context.addIssue({ code: 'custom', message: `alarmThresholds: not JSON (${error instanceof Error ? error.message : String(error)})` });
      return z.NEVER;
    }
  })
  .pipe(alarmThresholds)
  .prefault({});

/**
 * The retention periods CloudWatch Logs offers (logs.RetentionDays), but "forever": every log group of the
 * stacks has a retention period (test/infra, logsWithoutRetention).
 */
const retentionPeriods = Object.values(logs.RetentionDays).filter((value): value is logs.RetentionDays => typeof value === 'number' && value !== logs.RetentionDays.INFINITE);

/**
 * Days the functions' logs and the API's access logs are kept: a year by default, as operators are asked who
 * did what long after. A number in cdk.json, digits on the command line or in the environment.
 */
export const logRetentionSetting = z.coerce
  .number('logRetentionDays: a number of days')
  .pipe(z.literal(retentionPeriods, { error: `logRetentionDays: one of ${retentionPeriods.join(', ')} (the periods CloudWatch Logs offers)` }))
  .default(logs.RetentionDays.ONE_YEAR);

/**
 * The oldest-message threshold of a queue: its override, or the stage's value for every queue.
 *
 * @example
 * oldestMessageSeconds(config.alarmThresholds, 'webhookOutbox'); // 900, or the override
 */
export function oldestMessageSeconds(thresholds: AlarmThresholds, queue: QueueName): number {
  return thresholds.queueOldestMessageSecondsByQueue[queue] ?? thresholds.queueOldestMessageSeconds;
}
