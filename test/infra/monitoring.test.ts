import { describe, expect, it } from 'vitest';
import type { DeployConfig } from '#infra/stacks/config';
import { oldestMessageSeconds } from '#infra/stacks/monitoring-settings';
import { deployedFunctions, systemDefinitions } from '#infra/stacks/system';
import { fixtureDefinitions } from './fixture.ts';
import { queueNamed } from './lookup.ts';
import { systemFunctions } from './rules-functions.ts';
import { deadLetterQueues, where } from './rules-messaging.ts';
import { cloneTemplates, synthesizeSystem, type SynthesizedSystem } from './synth.ts';
import { asList, isRecord, prop, references, resolve, resources, sameResource, tag, type Located, type Templates } from './template.ts';

// Prepare (shared): the app as defined, with the fixture's consumers and schedule, and a stage whose every
// monitoring setting differs from the defaults.
const system = synthesizeSystem();
const fixture = synthesizeSystem({ definitions: fixtureDefinitions });
const tuned = synthesizeSystem({
  context: {
    stage: 'ops',
    alarmThresholds: JSON.stringify({
      functionErrors: 3,
      functionThrottles: 2,
      api5xx: 25,
      apiLatencyP99Ms: 9000,
      tableThrottles: 4,
      queueOldestMessageSeconds: 1800,
      queueOldestMessageSecondsByQueue: { webhookOutbox: 7200 },
      evaluationPeriods: 3,
    }),
    logRetentionDays: '1827',
  },
});

const stages: readonly (readonly [string, SynthesizedSystem])[] = [
  ['as defined', system],
  ['with the fixture', fixture],
  ['with tuned thresholds', tuned],
];

describe.each(stages)('alarms (%s)', (_case, app) => {
  const { templates, config } = app;
  const thresholds = config.alarmThresholds;

  it('gives every function an errors and a throttles alarm beside it, at the configured thresholds, published to the stage topic', () => {
    // Act
    const missing = functionsWithoutAlarms(templates, config);
    // Assess: the functions checked include every one the definitions deploy, in the nested stacks
    expect(missing).toEqual([]);
    const definitions = app === fixture ? fixtureDefinitions : systemDefinitions;
    const nested = systemFunctions(templates).filter((fn) => templates.get(fn.stack)?.nestedIn !== undefined);
    expect(nested.map((fn) => tag(fn.resource, 'vanthu:function')).sort()).toEqual(
      deployedFunctions(definitions.functions)
        .map((fn) => fn.name)
        .sort(),
    );
  });

  it('watches the age of the oldest message of every work queue, and the depth of every dead-letter queue', () => {
    // Prepare
    const deadLetters = deadLetterQueues(templates);
    const workQueues = resources(templates, 'AWS::SQS::Queue').filter((queue) => !deadLetters.some((dlq) => sameResource(dlq, queue)));
    // Assess
    expect(workQueues.length).toBe(systemDefinitions.queues.length);
    for (const queue of workQueues) {
      const definition = systemDefinitions.queues.find((candidate) => candidate.name === tag(queue.resource, 'vanthu:queue'));
      const found = alarmsWatching(templates, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', queue);
      expect(
        found.map((alarm) => settingsOf(alarm)),
        where(queue),
      ).toEqual([
        {
          threshold: definition === undefined ? 'a queue of no definition' : oldestMessageSeconds(thresholds, definition.name),
          periods: thresholds.evaluationPeriods,
          statistic: 'Maximum',
          quiet: true,
        },
      ]);
      expect(
        found.every((alarm) => publishesTo(templates, alarm)),
        where(queue),
      ).toBe(true);
    }
    for (const dlq of deadLetters) {
      const found = alarmsWatching(templates, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', dlq);
      expect(
        found.map((alarm) => settingsOf(alarm)),
        where(dlq),
      ).toEqual([{ threshold: 0, periods: 1, statistic: 'Maximum', quiet: true }]);
      expect(
        found.every((alarm) => publishesTo(templates, alarm)),
        where(dlq),
      ).toBe(true);
    }
  });

  it('watches the API stage for 5xx responses and its 99th percentile latency', () => {
    // Prepare
    const [api, ...others] = resources(templates, 'AWS::ApiGatewayV2::Api');
    if (api === undefined) throw new Error('no API');
    const onStage = (metricName: string) => alarmsWatching(templates, 'AWS/ApiGateway', metricName, 'ApiId', api).filter((alarm) => dimensionValue(alarm, 'Stage') === '$default');
    // Assess
    expect(others).toEqual([]);
    expect(onStage('5xx').map((alarm) => settingsOf(alarm))).toEqual([{ threshold: thresholds.api5xx, periods: thresholds.evaluationPeriods, statistic: 'Sum', quiet: true }]);
    expect(onStage('Latency').map((alarm) => settingsOf(alarm))).toEqual([
      { threshold: thresholds.apiLatencyP99Ms, periods: thresholds.evaluationPeriods, statistic: 'p99', quiet: true },
    ]);
    expect([...onStage('5xx'), ...onStage('Latency')].every((alarm) => publishesTo(templates, alarm))).toBe(true);
  });

  it('watches the requests DynamoDB throttles on the table', () => {
    // Prepare
    const [table] = resources(templates, 'AWS::DynamoDB::Table');
    if (table === undefined) throw new Error('no table');
    // Act
    const found = alarms(templates).filter((alarm) => {
      const queries = asList(prop(alarm.resource, 'Metrics')).filter(isRecord);
      const metrics = queries.filter((query) => query['Expression'] === undefined);
      return (
        metrics.length > 0 && metrics.every((query) => field(query, 'MetricStat', 'Metric', 'MetricName') === 'ThrottledRequests' && tableOf(templates, alarm, query) === table.id)
      );
    });
    // Assess
    expect(found.map((alarm) => [prop(alarm.resource, 'Threshold'), prop(alarm.resource, 'EvaluationPeriods'), prop(alarm.resource, 'TreatMissingData')])).toEqual([
      [thresholds.tableThrottles, thresholds.evaluationPeriods, 'notBreaching'],
    ]);
    expect(found.every((alarm) => publishesTo(templates, alarm))).toBe(true);
  });

  it('names every alarm after the stage and says in its description what to look at first', () => {
    // Assess
    for (const alarm of alarms(templates)) {
      expect(String(prop(alarm.resource, 'AlarmName')), where(alarm)).toMatch(new RegExp(`^vanthu-${config.stage}-[a-zA-Z0-9-]+$`));
      expect(JSON.stringify(prop(alarm.resource, 'AlarmDescription')), where(alarm)).toMatch(/Look first at/);
    }
  });
});

describe.each(stages)('the dashboard (%s)', (_case, app) => {
  const { templates, config } = app;
  const [dashboard, ...others] = resources(templates, 'AWS::CloudWatch::Dashboard');
  const body = dashboard === undefined ? undefined : prop(dashboard.resource, 'DashboardBody');
  const rendered = renderJoin(body);

  it('is one, in the stateless stack, named after the stage', () => {
    // Assess
    expect(others).toEqual([]);
    expect(dashboard?.stack).toBe(`vanthu-${config.stage}-stateless`);
    expect(prop(dashboard?.resource ?? { Type: '' }, 'DashboardName')).toBe(`vanthu-${config.stage}`);
  });

  it('graphs every function, every queue and its dead-letter queue, and the table', () => {
    // Prepare
    const referenced = references(templates, dashboard?.stack ?? '', body);
    const shown = (target: Located) => referenced.some((found) => sameResource(found, target));
    // Assess
    for (const fn of systemFunctions(templates)) {
      expect(shown(fn), where(fn)).toBe(true);
      const name = tag(fn.resource, 'vanthu:function');
      if (name !== undefined) expect(rendered, where(fn)).toContain(`"label":"${name}"`);
    }
    for (const { name } of systemDefinitions.queues) {
      const { queue, deadLetter } = queueNamed(templates, name);
      expect([shown(queue), shown(deadLetter)], name).toEqual([true, true]);
    }
    for (const table of resources(templates, 'AWS::DynamoDB::Table')) expect(shown(table), where(table)).toBe(true);
  });

  it('shows the status of every alarm of every stack, at most 100 a widget', () => {
    // Prepare
    const widgets = dashboardWidgets(rendered);
    const listed = widgets.filter((widget) => widget.type === 'alarm').flatMap((widget) => asList(widget.properties['alarms']).map(String));
    // Assess
    expect(listed.length).toBe(alarms(templates).length);
    for (const alarm of alarms(templates)) expect(listed, where(alarm)).toContain(`arn:<token>:cloudwatch:<token>:<token>:alarm:${String(prop(alarm.resource, 'AlarmName'))}`);
    for (const widget of widgets.filter((candidate) => candidate.type === 'alarm')) expect(asList(widget.properties['alarms']).length).toBeLessThanOrEqual(100);
  });

  it("graphs the API, and the application's own metrics of namespace Vanthu, with at most 100 metrics a graph", () => {
    // Prepare
    const graphs = dashboardWidgets(rendered).filter((widget) => widget.type === 'metric');
    const metrics = JSON.stringify(graphs.map((graph) => graph.properties['metrics']));
    // Assess
    for (const metricName of ['Count', '4xx', '5xx', 'Latency'])
      expect(metrics, metricName).toContain(JSON.stringify(['AWS/ApiGateway', metricName, 'ApiId', '<token>', 'Stage', '$default']).slice(0, -1));
    for (const metricName of ['Requests', 'Latency', 'QueueRecords', 'QueueLag'])
      expect(metrics, metricName).toContain(JSON.stringify(`Namespace="Vanthu" MetricName="${metricName}"`).slice(1, -1));
    for (const graph of graphs) expect(asList(graph.properties['metrics']).length, String(graph.properties['title'])).toBeLessThanOrEqual(100);
  });
});

describe('log retention', () => {
  it.each([
    ['by default', system],
    ['when configured', tuned],
  ])('keeps function logs and API access logs logRetentionDays (%s)', (_case, app) => {
    // Prepare
    const stage = resources(app.templates, 'AWS::ApiGatewayV2::Stage')[0];
    const accessLogs = stage === undefined ? undefined : resolve(app.templates, stage.stack, prop(stage.resource, 'AccessLogSettings', 'DestinationArn'));
    const functionLogs = systemFunctions(app.templates).map((fn) => resolve(app.templates, fn.stack, prop(fn.resource, 'LoggingConfig', 'LogGroup')));
    // Assess
    expect(app.config.logRetentionDays).toBe(app === tuned ? 1827 : 365);
    for (const group of [accessLogs, ...functionLogs]) expect(group === undefined ? undefined : prop(group.resource, 'RetentionInDays')).toBe(app.config.logRetentionDays);
  });
});

describe('thresholds from the configuration', () => {
  it('tuned every threshold away from its default, so the tests above read them from the configuration', () => {
    // Assess
    for (const [key, value] of Object.entries(tuned.config.alarmThresholds))
      expect(value, key).not.toEqual(system.config.alarmThresholds[key as keyof DeployConfig['alarmThresholds']]);
  });

  it('puts the values of the context override in the alarms', () => {
    // Prepare
    const [first] = deployedFunctions(systemDefinitions.functions);
    const named = (name: string) => alarms(tuned.templates).find((alarm) => prop(alarm.resource, 'AlarmName') === `vanthu-ops-${name}`);
    const thresholdOf = (name: string) => [prop(named(name)?.resource ?? { Type: '' }, 'Threshold'), prop(named(name)?.resource ?? { Type: '' }, 'EvaluationPeriods')];
    // Assess
    expect(thresholdOf(`function-${first?.name}-errors`)).toEqual([3, 3]);
    expect(thresholdOf(`function-${first?.name}-throttles`)).toEqual([2, 3]);
    expect(thresholdOf('api-5xx')).toEqual([25, 3]);
    expect(thresholdOf('api-latency-p99')).toEqual([9000, 3]);
    expect(thresholdOf('table-throttles')).toEqual([4, 3]);
    expect(thresholdOf('queue-axisOutbox-oldest-message')).toEqual([1800, 3]);
    expect(thresholdOf('queue-webhookOutbox-oldest-message')).toEqual([7200, 3]);
    expect(thresholdOf('queue-webhookOutbox-dead-letters')).toEqual([0, 1]);
  });
});

describe('the function alarm check', () => {
  it('catches a function whose alarm is missing, as a function added without one would be', () => {
    // Prepare
    const templates = cloneTemplates(system.templates);
    const [fn] = systemFunctions(templates);
    if (fn === undefined) throw new Error('no function');
    const errors = alarmsWatching(templates, 'AWS/Lambda', 'Errors', 'FunctionName', fn);
    // Act
    for (const alarm of errors) delete templates.get(alarm.stack)?.Resources[alarm.id];
    // Assess
    expect(functionsWithoutAlarms(templates, system.config)).toEqual([`${where(fn)}: no Errors alarm beside it at threshold ${system.config.alarmThresholds.functionErrors}`]);
  });
});

/** Each of our functions has an Errors and a Throttles alarm in its own template, at the configured threshold, published to the stage topic. */
function functionsWithoutAlarms(templates: Templates, config: DeployConfig): string[] {
  const { functionErrors, functionThrottles, evaluationPeriods } = config.alarmThresholds;
  return systemFunctions(templates).flatMap((fn) =>
    (
      [
        ['Errors', functionErrors],
        ['Throttles', functionThrottles],
      ] as const
    ).flatMap(([metricName, threshold]) => {
      const found = alarmsWatching(templates, 'AWS/Lambda', metricName, 'FunctionName', fn).filter(
        (alarm) =>
          alarm.stack === fn.stack &&
          JSON.stringify(settingsOf(alarm)) === JSON.stringify({ threshold, periods: evaluationPeriods, statistic: 'Sum', quiet: true }) &&
          publishesTo(templates, alarm),
      );
      return found.length === 1 ? [] : [`${where(fn)}: no ${metricName} alarm beside it at threshold ${threshold}`];
    }),
  );
}

function alarms(templates: Templates): Located[] {
  return resources(templates, 'AWS::CloudWatch::Alarm');
}

/** The alarms on a metric whose dimension refers to a resource. */
function alarmsWatching(templates: Templates, namespace: string, metricName: string, dimension: string, target: Located): Located[] {
  return alarms(templates).filter(
    (alarm) =>
      prop(alarm.resource, 'Namespace') === namespace &&
      prop(alarm.resource, 'MetricName') === metricName &&
      sameResource(resolve(templates, alarm.stack, dimensionValue(alarm, dimension)), target),
  );
}

function dimensionValue(alarm: Located, name: string): unknown {
  return asList(prop(alarm.resource, 'Dimensions'))
    .filter(isRecord)
    .find((dimension) => dimension['Name'] === name)?.['Value'];
}

/** What the tests compare of an alarm: threshold, evaluation periods, statistic, and whether missing data keeps it quiet. */
function settingsOf(alarm: Located): { threshold: unknown; periods: unknown; statistic: unknown; quiet: boolean } {
  const compares = prop(alarm.resource, 'ComparisonOperator') === 'GreaterThanThreshold';
  return {
    threshold: compares ? prop(alarm.resource, 'Threshold') : `not "greater than": ${String(prop(alarm.resource, 'ComparisonOperator'))}`,
    periods: prop(alarm.resource, 'EvaluationPeriods'),
    statistic: prop(alarm.resource, 'Statistic') ?? prop(alarm.resource, 'ExtendedStatistic'),
    quiet: prop(alarm.resource, 'TreatMissingData') === 'notBreaching',
  };
}

/** The stage's alarm topic, in the stateful stack. */
function stageTopic(templates: Templates): Located {
  const topics = resources(templates, 'AWS::SNS::Topic').filter((topic) => topic.stack.endsWith('-stateful') && topic.id.startsWith('DeadLetterAlarmsTopic'));
  const [topic, ...others] = topics;
  if (topic === undefined || others.length > 0) throw new Error(`expected one alarm topic, found ${topics.length}`);
  return topic;
}

/** True when the alarm's ALARM and OK actions are all the stage topic (followed across stacks). */
function publishesTo(templates: Templates, alarm: Located): boolean {
  const topic = stageTopic(templates);
  const actions = [...asList(prop(alarm.resource, 'AlarmActions')), ...asList(prop(alarm.resource, 'OKActions'))];
  return asList(prop(alarm.resource, 'AlarmActions')).length > 0 && actions.every((action) => sameResource(resolve(templates, alarm.stack, action), topic));
}

/** The table a metric query of a math alarm is on. */
function tableOf(templates: Templates, alarm: Located, query: Record<string, unknown>): string | undefined {
  const dimensions = asList(field(query, 'MetricStat', 'Metric', 'Dimensions')).filter(isRecord);
  return resolve(templates, alarm.stack, dimensions.find((dimension) => dimension['Name'] === 'TableName')?.['Value'])?.id;
}

/** A nested value by path, or undefined. */
function field(value: unknown, ...path: readonly string[]): unknown {
  return path.reduce<unknown>((found, key) => (isRecord(found) ? found[key] : undefined), value);
}

/** A dashboard body as text, each reference (`Ref`, `Fn::GetAtt`, a cross-stack output) shown as `<token>`. */
function renderJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = isRecord(value) ? value['Fn::Join'] : undefined;
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(renderJoin).join(join[0]);
  return '<token>';
}

function dashboardWidgets(rendered: string): { type: string; properties: Record<string, unknown> }[] {
  const parsed: unknown = JSON.parse(rendered);
  return asList(isRecord(parsed) ? parsed['widgets'] : undefined)
    .filter(isRecord)
    .map((widget) => ({ type: String(widget['type']), properties: isRecord(widget['properties']) ? widget['properties'] : {} }));
}
