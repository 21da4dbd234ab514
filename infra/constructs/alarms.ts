import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/definitions';
import { oldestMessageSeconds, type AlarmThresholds } from '../stacks/monitoring-settings.ts';
import type { MessageQueue } from './queues.ts';

/** The period the thresholds count in: 5 minutes, for every alarm but the dead-letter ones (1 minute). */
export const alarmPeriod = Duration.minutes(5);

/** The stage's dashboard (./dashboard.ts), which alarm descriptions send the operator to. */
export function dashboardName(stage: string): string {
  return `vanthu-${stage}`;
}

/** What every alarm of a stage needs: the stage (its name prefix), the topic it publishes to, the thresholds. */
export interface StageAlarmSettings {
  readonly stage: string;
  readonly topic: sns.ITopic;
  readonly thresholds: AlarmThresholds;
}

/** An alarm and its name, `vanthu-<stage>-…`: the dashboard lists alarms of every stack by name. */
export interface NamedAlarm {
  readonly name: string;
  readonly alarm: cloudwatch.Alarm;
}

export interface QueueAlarmsProps {
  readonly stage: string;
  readonly queues: readonly MessageQueue[];
  /** Key of the alarm topic; CloudWatch is allowed to use it to publish. */
  readonly key: kms.Key;
  /** Optional e-mail subscribed to the topic. */
  readonly email?: string;
  readonly thresholds: AlarmThresholds;
  /** The deployed functions: a queue's alarms name its consumers. */
  readonly functions: readonly FunctionDefinition[];
}

/**
 * The stage's alarm topic, encrypted, and two alarms per queue: one raised as soon as a message is visible in
 * its dead-letter queue (a message there is a delivery that failed every retry: an edoc not sent, a file not
 * verified), one when the oldest message of the work queue has waited longer than its threshold (the
 * consumer is down, failing or behind). Every alarm of the stage publishes to this topic.
 *
 * @example
 * new QueueAlarms(this, 'Alarms', { stage: 'prod', queues: queues.all, key: queues.key, thresholds, functions, email: 'ops@example.vn' });
 */
export class QueueAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: readonly NamedAlarm[];

  constructor(scope: Construct, id: string, props: QueueAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    // CloudWatch publishes to an encrypted topic only if the key lets it make and read data keys.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const settings: StageAlarmSettings = { stage: props.stage, topic: this.topic, thresholds: props.thresholds };
    const dashboard = dashboardName(props.stage);
    this.alarms = props.queues.flatMap(({ definition, queue, deadLetterQueue }) => {
      const consumers = consumersOf(props.functions, definition.name);
      const seconds = oldestMessageSeconds(props.thresholds, definition.name);
      return [
        // The first message alarms at once: one minute, one period, whatever evaluationPeriods says.
        raiseAlarm(this, definition.name, settings, {
          name: `queue-${definition.name}-dead-letters`,
          metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
          threshold: 0,
          evaluationPeriods: 1,
          description:
            `A message of the ${definition.name} queue (${definition.description}) failed all its ${definition.maxReceiveCount} deliveries and ` +
            `waits in the dead-letter queue. Look first at the ERROR lines of ${consumers} (its correlation id), fix the cause, then redrive ` +
            `the dead-letter queue to ${definition.name} from the SQS console; SQS keeps the message 14 days.`,
        }),
        raiseAlarm(this, `${definition.name}-OldestMessage`, settings, {
          name: `queue-${definition.name}-oldest-message`,
          metric: queue.metricApproximateAgeOfOldestMessage({ period: alarmPeriod, statistic: cloudwatch.Stats.MAXIMUM }),
          threshold: seconds,
          evaluationPeriods: props.thresholds.evaluationPeriods,
          description:
            `The oldest message of the ${definition.name} queue (${definition.description}) has waited more than ${seconds} seconds: ` +
            `${consumers} is not running, keeps failing, or cannot keep up. Look first at its errors and throttles on the dashboard ` +
            `${dashboard}, then at its log group; a service it calls (the national axis, an agency's webhook endpoint, SES) may be down.`,
        }),
      ];
    });
  }
}

export interface ApiAlarmsProps extends StageAlarmSettings {
  readonly apiStage: apigw.IHttpStage;
}

/**
 * The HTTP API's alarms: 5xx responses and the 99th percentile latency, on the stage (dimensions ApiId and
 * Stage).
 *
 * @example
 * new ApiAlarms(this, 'ApiAlarms', { apiStage: api.stage, stage: 'prod', topic, thresholds });
 */
export class ApiAlarms extends Construct {
  readonly alarms: readonly NamedAlarm[];

  constructor(scope: Construct, id: string, props: ApiAlarmsProps) {
    super(scope, id);
    const { apiStage, thresholds } = props;
    const dashboard = dashboardName(props.stage);
    this.alarms = [
      raiseAlarm(this, 'ServerErrors', props, {
        name: 'api-5xx',
        metric: apiStage.metricServerError({ period: alarmPeriod, statistic: cloudwatch.Stats.SUM }),
        threshold: thresholds.api5xx,
        evaluationPeriods: thresholds.evaluationPeriods,
        description:
          `The API answered ${requests(thresholds.api5xx)} with a 5xx status in 5 minutes: users saw errors. Look first at the function ` +
          `errors on the dashboard ${dashboard} and at the API's access logs (status, route, integrationError), then at the log group of ` +
          'the function behind the failing route.',
      }),
      raiseAlarm(this, 'LatencyP99', props, {
        name: 'api-latency-p99',
        metric: apiStage.metricLatency({ period: alarmPeriod, statistic: cloudwatch.Stats.p(99) }),
        threshold: thresholds.apiLatencyP99Ms,
        evaluationPeriods: thresholds.evaluationPeriods,
        description:
          `The slowest 1% of API requests took more than ${thresholds.apiLatencyP99Ms} ms over 5 minutes. Look first at "Latency p99 by ` +
          `operation" on the dashboard ${dashboard} to find the operation, then at its function's duration and X-Ray traces (DynamoDB, S3 ` +
          'or KMS calls, cold starts).',
      }),
    ];
  }
}

export interface TableAlarmsProps extends StageAlarmSettings {
  readonly table: dynamodb.Table;
}

/**
 * The table's throttles alarm: the requests DynamoDB throttled, summed over the item operations the adapters
 * call (`throttledRequests`).
 *
 * @example
 * new TableAlarms(this, 'TableAlarms', { table: table.table, stage: 'prod', topic, thresholds });
 */
export class TableAlarms extends Construct {
  readonly alarms: readonly NamedAlarm[];

  constructor(scope: Construct, id: string, props: TableAlarmsProps) {
    super(scope, id);
    const { thresholds } = props;
    this.alarms = [
      raiseAlarm(this, 'Throttles', props, {
        name: 'table-throttles',
        metric: throttledRequests(props.table),
        threshold: thresholds.tableThrottles,
        evaluationPeriods: thresholds.evaluationPeriods,
        description:
          `DynamoDB throttled ${requests(thresholds.tableThrottles)} to the document table in 5 minutes; the SDK retried them, ` +
          `but users may have seen slow or failed requests. Look first at the table's consumed capacity on the dashboard ` +
          `${dashboardName(props.stage)} (a sudden peak: on-demand absorbs up to twice the previous one at once), then at which ` +
          "functions' invocations rose at that moment (one item written very often: a register's counter).",
      }),
    ];
  }
}

/**
 * The item operations the adapters call (layers/adapters/dynamo). An alarm takes at most 10 metrics, so
 * the list is not every operation of DynamoDB's API; PartiQL and transactional reads are not used.
 */
const tableOperations: readonly dynamodb.Operation[] = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.SCAN,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * ThrottledRequests of the table summed over its operations, each gap counted as 0: CloudWatch publishes
 * the metric only when a request is throttled, and a plain sum of sparse series has no value where one of
 * them is missing.
 */
export function throttledRequests(table: dynamodb.Table): cloudwatch.MathExpression {
  const metrics = Object.fromEntries(
    tableOperations.map((operation) => [
      `${operation.charAt(0).toLowerCase()}${operation.slice(1)}`,
      table.metricThrottledRequestsForOperation(operation, { period: alarmPeriod, statistic: cloudwatch.Stats.SUM }),
    ]),
  );
  return new cloudwatch.MathExpression({
    expression: Object.keys(metrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics: metrics,
    label: 'Throttled requests',
    period: alarmPeriod,
  });
}

/**
 * An alarm named `vanthu-<stage>-<name>` (the e-mail subject and the console's list show the name, which a
 * generated one would not make readable), raised above its threshold for its evaluation periods, quiet
 * without data (no invocation, no request, no throttle: nothing wrong), published to the stage's topic when
 * raised and when cleared.
 */
export function raiseAlarm(scope: Construct, id: string, settings: StageAlarmSettings, spec: AlarmSpec): NamedAlarm {
  const name = `vanthu-${settings.stage}-${spec.name}`;
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmName: name,
    alarmDescription: spec.description,
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: spec.evaluationPeriods,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const action = new actions.SnsAction(settings.topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return { name, alarm };
}

/** What an alarm watches and says; the rest is the same for every alarm of the stage. */
export interface AlarmSpec {
  /** After `vanthu-<stage>-`: the subject and the signal (`api-5xx`, `function-get-document-errors`). */
  readonly name: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  /** What is wrong and what to look at first, in plain words: the e-mail shows it. */
  readonly description: string;
}

/** "at least one request" for a threshold of 0, "more than 5 requests" otherwise. */
function requests(threshold: number): string {
  return threshold === 0 ? 'at least one request' : `more than ${threshold} requests`;
}

/** The functions that consume a queue, as an alarm names them. */
function consumersOf(functions: readonly FunctionDefinition[], queue: string): string {
  const names = functions.flatMap((definition) => (definition.trigger.kind === 'queue' && definition.trigger.queue === queue ? [definition.name] : []));
  return names.length === 0 ? 'its consumer' : `the function ${names.join(', ')}`;
}
