import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { env } from '#infra/definitions';
import type { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/definitions';
import type { NamedAlarm } from '../constructs/alarms.ts';
import { FunctionAlarms, watchedFunction } from '../constructs/function-alarms.ts';
import { bindAccess, bindPageTokenKey } from '../constructs/bindings.ts';
import { VanthuFunction } from '../constructs/function.ts';
import { bindQueueConsumer, bindSchedule } from '../constructs/triggers.ts';
import { axisSettings, mailSettings, type DeployConfig } from './config.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface AreaStackProps extends NestedStackProps {
  readonly config: DeployConfig;
  /** The functions this stack deploys (./areas.ts `layoutByArea`). */
  readonly functions: readonly FunctionDefinition[];
  readonly resources: StatefulResources;
  /** The HMAC key of page tokens, a secret of the parent stack. */
  readonly pageTokenKey: secretsmanager.ISecret;
  /** Repository root the function entries are relative to. */
  readonly sourceRoot: string;
}

/**
 * A nested stack of the stateless stack holding the functions of one area, each with its own role, log
 * group, grants, errors and throttles alarms and, for workers, its queue event source or schedule. The area's routes are added to it by
 * the parent (PortalApi.addRoute), which owns the API, its stage and authorizer. CDK wires what it uses of
 * the parent as parameters and reads the stateful stack's outputs directly.
 *
 * @example
 * const documents = new AreaStack(stateless, 'Documents', { config, functions, resources, pageTokenKey, sourceRoot });
 * documents.functions.get('get-document');
 */
export class AreaStack extends NestedStack {
  readonly functions: ReadonlyMap<string, VanthuFunction>;
  /** The errors and throttles alarms of its functions. */
  readonly alarms: readonly NamedAlarm[];

  constructor(scope: Construct, id: string, props: AreaStackProps) {
    super(scope, id, props);
    const { config, resources } = props;
    const axis = axisSettings(config);
    this.functions = new Map(
      props.functions.map((definition) => {
        const fn = new VanthuFunction(this, definition.name, { definition, sourceRoot: props.sourceRoot, logRetention: config.logRetentionDays });
        bindAccess(fn, definition.access, resources, mailSettings(config), { years: config.issuedRetentionYears });
        if (definition.access.table !== undefined) bindPageTokenKey(fn, props.pageTokenKey);
        if (definition.access.axis === true && axis !== undefined) {
          // The function gets the secret's name and reads it at run time: the value is in no template or environment.
          fn.addEnvironment('AXIS_ENDPOINT', axis.endpoint);
          fn.addEnvironment('AXIS_SYSTEM_ID', axis.systemId);
          fn.addEnvironment(env.axisSecretId, axis.secretName);
          secretsmanager.Secret.fromSecretNameV2(this, `AxisSecret-${definition.name}`, axis.secretName).grantRead(fn.role);
        }
        attachTrigger(fn, definition.trigger, resources);
        return [definition.name, fn] as const;
      }),
    );
    // Beside each function, in this stack: a template holds its own functions' alarms and stays far below 500 resources.
    const alarmSettings = { stage: config.stage, topic: resources.alarmTopic, thresholds: config.alarmThresholds };
    this.alarms = [...this.functions.values()].flatMap((fn) => new FunctionAlarms(fn, 'Alarms', { ...alarmSettings, fn: watchedFunction(fn) }).alarms);
  }
}

/** Queue and schedule triggers; routes are placed by the parent, in the stack of their area. */
function attachTrigger(fn: VanthuFunction, trigger: FunctionDefinition['trigger'], resources: StatefulResources): void {
  switch (trigger.kind) {
    case 'http':
      return;
    case 'queue':
      bindQueueConsumer(fn, resources.queues.get(trigger.queue), trigger.batchSize);
      return;
    case 'schedule':
      bindSchedule(fn, trigger.everyMinutes);
      return;
    default: {
      // A new trigger kind in definitions.ts fails the typecheck here until it is wired.
      const unwired: never = trigger;
      throw new Error(`trigger not wired: ${JSON.stringify(unwired)}`);
    }
  }
}
