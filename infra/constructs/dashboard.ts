import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { oldestMessageSeconds, type AlarmThresholds } from '../stacks/monitoring-settings.ts';
import { alarmPeriod, dashboardName, throttledRequests } from './alarms.ts';
import type { WatchedFunction } from './function-alarms.ts';
import type { MessageQueue } from './queues.ts';

/** Functions graphed together: an area's nested stack, the sign-in trigger. */
export interface FunctionGroup {
  readonly title: string;
  readonly functions: readonly WatchedFunction[];
}

export interface StageDashboardProps {
  readonly stage: string;
  readonly thresholds: AlarmThresholds;
  readonly apiStage: apigw.IHttpStage;
  readonly table: dynamodb.Table;
  readonly queues: readonly MessageQueue[];
  readonly functionGroups: readonly FunctionGroup[];
  /** Every alarm of the stage, by name (alarms of other stacks are listed without a reference to them). */
  readonly alarmNames: readonly string[];
}

/** The application's own metrics (layers/observability/log.ts). */
const appNamespace = 'Vanthu';

/** Lines in one graph: beyond this a graph is unreadable (CloudWatch draws up to 500). */
const metricsPerGraph = 50;

/** Alarms in one alarm status widget: the dashboard body takes 1 to 100 alarm ARNs a widget. */
const alarmsPerWidget = 100;

/**
 * The stage's CloudWatch dashboard, `vanthu-<stage>`: the status of every alarm; the API (requests, 4xx, 5xx,
 * latency p50 and p99); the application's own metrics (namespace Vanthu: requests, refusals and failures,
 * latency by operation, queue records, queue lag, cold starts) by SEARCH, so a new operation shows without a change here; the table
 * (consumed capacity, throttles); each queue (depth, oldest message, dead letters); and per area, its
 * functions' errors, throttles and duration. Thresholds are drawn on the graphs of the alarms they belong to.
 *
 * @example
 * new StageDashboard(this, 'Dashboard', { stage: 'prod', thresholds, apiStage: api.stage, table, queues: queues.all, functionGroups, alarmNames });
 */
export class StageDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: StageDashboardProps) {
    super(scope, id);
    const name = dashboardName(props.stage);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: name,
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown: `# ${name}\nEvery alarm publishes to the stage's alarm topic (stateful stack). Thresholds, and what to look at first for each alarm: docs/DEPLOY.md, "Alarms and dashboard".`,
            width: 24,
            height: 2,
          }),
        ],
        ...chunks(props.alarmNames, alarmsPerWidget).map((names, index, all) => [
          new cloudwatch.AlarmStatusWidget({
            title: all.length === 1 ? 'Alarms' : `Alarms (${index + 1} of ${all.length})`,
            alarms: names.map((alarmName) => cloudwatch.Alarm.fromAlarmName(this, `Alarm-${alarmName}`, alarmName)),
            sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
            width: 24,
            height: 6,
          }),
        ]),
        apiWidgets(props),
        ...applicationRows(),
        tableWidgets(props),
        queueWidgets(props),
        ...props.functionGroups.flatMap((group) => chunks(group.functions, metricsPerGraph).map((functions) => functionWidgets(group.title, functions, props.thresholds))),
      ],
    });
  }
}

function apiWidgets({ apiStage, thresholds }: StageDashboardProps): cloudwatch.IWidget[] {
  const sum = { period: alarmPeriod, statistic: cloudwatch.Stats.SUM };
  return [
    graph('API requests', [apiStage.metricCount({ ...sum, label: 'requests' })]),
    graph('API errors', [apiStage.metricClientError({ ...sum, label: '4xx' }), apiStage.metricServerError({ ...sum, label: '5xx' })], {
      leftAnnotations: [{ value: thresholds.api5xx, label: '5xx alarm' }],
    }),
    graph(
      'API latency',
      [
        apiStage.metricLatency({ period: alarmPeriod, statistic: cloudwatch.Stats.p(50), label: 'p50' }),
        apiStage.metricLatency({ period: alarmPeriod, statistic: cloudwatch.Stats.p(99), label: 'p99' }),
      ],
      { leftAnnotations: [{ value: thresholds.apiLatencyP99Ms, label: 'p99 alarm' }] },
    ),
  ];
}

/** The EMF metrics of layers/observability (docs/OPERATIONS.md, Metrics), whatever other dimensions (service) they carry. */
function applicationRows(): cloudwatch.IWidget[][] {
  const total = (metricName: string, label: string) => search(`SUM(SEARCH('Namespace="${appNamespace}" MetricName="${metricName}"', 'Sum', ${alarmPeriod.toSeconds()}))`, label);
  return [
    [
      graph('Requests, refused (4xx), failed (5xx) (Vanthu)', [total('Requests', 'requests'), total('Refused', 'refused'), total('Failed', 'failed')]),
      graph('Failed requests by operation (Vanthu)', [search(searchOf('Failed', 'Sum'))]),
      graph('Latency p99 by operation (Vanthu)', [search(searchOf('Latency', 'p99'))]),
    ],
    [
      graph('Queue records by operation and outcome (Vanthu)', [search(searchOf('QueueRecords', 'Sum'))], { width: 8 }),
      graph('Queue lag by consumer (Vanthu)', [search(searchOf('QueueLag', 'Maximum'))], { width: 8 }),
      graph('Cold starts by function (Vanthu)', [search(searchOf('ColdStart', 'Sum'))], { width: 8 }),
    ],
  ];
}

function tableWidgets({ table, thresholds }: StageDashboardProps): cloudwatch.IWidget[] {
  const sum = { period: alarmPeriod, statistic: cloudwatch.Stats.SUM };
  return [
    graph(
      'Table consumed capacity',
      [table.metricConsumedReadCapacityUnits({ ...sum, label: 'read units' }), table.metricConsumedWriteCapacityUnits({ ...sum, label: 'write units' })],
      {
        width: 12,
      },
    ),
    graph(
      'Table throttles',
      [
        throttledRequests(table),
        table.metric('ReadThrottleEvents', { ...sum, label: 'read throttle events' }),
        table.metric('WriteThrottleEvents', { ...sum, label: 'write throttle events' }),
      ],
      { width: 12, leftAnnotations: [{ value: thresholds.tableThrottles, label: 'throttles alarm' }] },
    ),
  ];
}

function queueWidgets({ queues, thresholds }: StageDashboardProps): cloudwatch.IWidget[] {
  const maximum = { period: alarmPeriod, statistic: cloudwatch.Stats.MAXIMUM };
  return [
    graph(
      'Queue depth (visible messages)',
      queues.map(({ definition, queue }) => queue.metricApproximateNumberOfMessagesVisible({ ...maximum, label: definition.name })),
    ),
    graph(
      'Oldest message age (seconds)',
      queues.map(({ definition, queue }) =>
        queue.metricApproximateAgeOfOldestMessage({ ...maximum, label: `${definition.name} (alarm > ${oldestMessageSeconds(thresholds, definition.name)} s)` }),
      ),
      { leftAnnotations: [{ value: thresholds.queueOldestMessageSeconds, label: 'oldest message alarm' }] },
    ),
    graph(
      'Dead-letter queue depth',
      queues.map(({ definition, deadLetterQueue }) => deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...maximum, label: definition.name })),
    ),
  ];
}

function functionWidgets(title: string, functions: readonly WatchedFunction[], thresholds: AlarmThresholds): cloudwatch.IWidget[] {
  const sum = { period: alarmPeriod, statistic: cloudwatch.Stats.SUM };
  const each = (metric: (fn: WatchedFunction) => cloudwatch.IMetric) => functions.map(metric);
  return [
    graph(
      `${title}: errors`,
      each((fn) => fn.handler.metricErrors({ ...sum, label: fn.name })),
      {
        leftAnnotations: [{ value: thresholds.functionErrors, label: 'errors alarm' }],
      },
    ),
    graph(
      `${title}: throttles`,
      each((fn) => fn.handler.metricThrottles({ ...sum, label: fn.name })),
      {
        leftAnnotations: [{ value: thresholds.functionThrottles, label: 'throttles alarm' }],
      },
    ),
    graph(
      `${title}: duration p99 (ms)`,
      each((fn) => fn.handler.metricDuration({ period: alarmPeriod, statistic: cloudwatch.Stats.p(99), label: fn.name })),
    ),
  ];
}

function graph(title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, period: alarmPeriod, ...options });
}

/** A SEARCH of the application's namespace; no schema braces, so metrics match whatever dimensions they carry. */
function searchOf(metricName: string, statistic: string, filter = ''): string {
  return `SEARCH('Namespace="${appNamespace}" MetricName="${metricName}"${filter === '' ? '' : ` ${filter}`}', '${statistic}', ${alarmPeriod.toSeconds()})`;
}

function search(expression: string, label?: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({ expression, usingMetrics: {}, period: alarmPeriod, ...(label === undefined ? {} : { label }) });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const found: T[][] = [];
  for (let start = 0; start < items.length; start += size) found.push(items.slice(start, start + size));
  return found;
}
