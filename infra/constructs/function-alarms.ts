import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/definitions';
import { alarmPeriod, dashboardName, type NamedAlarm, raiseAlarm, type StageAlarmSettings } from './alarms.ts';
import type { VanthuFunction } from './function.ts';

/** A function as its alarms describe it. */
export interface WatchedFunction {
  /** Its name in the definitions (`get-document`): part of the alarm names. */
  readonly name: string;
  /** What it is for, in words: `serves GET /documents/{id}`. */
  readonly duty: string;
  readonly handler: lambda.IFunction;
  readonly logGroup: logs.ILogGroup;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/**
 * A function of the definitions as its alarms describe it.
 *
 * @example
 * watchedFunction(fn); // { name: 'get-document', duty: 'serves GET /documents/{id}', handler, logGroup, timeoutSeconds: 10, memoryMb: 512 }
 */
export function watchedFunction(fn: VanthuFunction): WatchedFunction {
  const { definition } = fn;
  return { name: definition.name, duty: dutyOf(definition), handler: fn.handler, logGroup: fn.logGroup, timeoutSeconds: definition.timeoutSeconds, memoryMb: definition.memoryMb };
}

export interface FunctionAlarmsProps extends StageAlarmSettings {
  readonly fn: WatchedFunction;
}

/**
 * The errors and throttles alarms of one function, created beside it (for the functions of the definitions,
 * in their area's nested stack: each template holds its own functions' alarms).
 *
 * @example
 * new FunctionAlarms(fn, 'Alarms', { fn: watchedFunction(fn), stage: 'prod', topic, thresholds });
 */
export class FunctionAlarms extends Construct {
  readonly alarms: readonly NamedAlarm[];

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const { fn, thresholds } = props;
    const what = `${fn.name} (${fn.duty})`;
    this.alarms = [
      raiseAlarm(this, 'Errors', props, {
        name: `function-${fn.name}-errors`,
        metric: fn.handler.metricErrors({ period: alarmPeriod, statistic: cloudwatch.Stats.SUM }),
        threshold: thresholds.functionErrors,
        evaluationPeriods: thresholds.evaluationPeriods,
        description:
          `The function ${what} failed ${times(thresholds.functionErrors)} in 5 minutes: an uncaught error, a timeout ` +
          `(${fn.timeoutSeconds} s) or running out of memory (${fn.memoryMb} MB). Look first at the ERROR lines of its ` +
          `log group ${fn.logGroup.logGroupName}, then at its X-Ray traces.`,
      }),
      raiseAlarm(this, 'Throttles', props, {
        name: `function-${fn.name}-throttles`,
        metric: fn.handler.metricThrottles({ period: alarmPeriod, statistic: cloudwatch.Stats.SUM }),
        threshold: thresholds.functionThrottles,
        evaluationPeriods: thresholds.evaluationPeriods,
        description:
          `Lambda refused to run the function ${what} ${times(thresholds.functionThrottles)} in 5 minutes: the account's concurrency ` +
          `was used up, so requests failed and queue messages and schedules waited. Look first at which functions' invocations jumped on ` +
          `the dashboard ${dashboardName(props.stage)}, then at the account's concurrent executions and its Lambda concurrency quota.`,
      }),
    ];
  }
}

/** "at least once" for a threshold of 0, "more than 5 times" otherwise. */
function times(threshold: number): string {
  return threshold === 0 ? 'at least once' : `more than ${threshold} times`;
}

/** What a function is for, in an alarm: its first routes, its queue or its schedule. */
function dutyOf(definition: FunctionDefinition): string {
  const { trigger } = definition;
  switch (trigger.kind) {
    case 'http': {
      const shown = trigger.routes.slice(0, 3).map((route) => `${route.method} ${route.path}`);
      return `serves ${shown.join(', ')}${trigger.routes.length > shown.length ? ' and more' : ''}`;
    }
    case 'queue':
      return `consumes the ${trigger.queue} queue`;
    case 'schedule':
      return trigger.everyMinutes === 1 ? 'runs every minute' : `runs every ${trigger.everyMinutes} minutes`;
    default: {
      const unknown: never = trigger;
      throw new Error(`no duty for trigger ${JSON.stringify(unknown)}`);
    }
  }
}
