import { CfnOutput, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/definitions';
import { PortalApi } from '../constructs/api.ts';
import { bindAccess, bindPageTokenKey } from '../constructs/bindings.ts';
import { VanthuFunction } from '../constructs/function.ts';
import { bindQueueConsumer, bindSchedule } from '../constructs/triggers.ts';
import { axisSettings, mailSettings, type DeployConfig } from './config.ts';
import type { StatefulResources } from './stateful-stack.ts';
import { deployedFunctions, type SystemDefinitions } from './system.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly definitions: SystemDefinitions;
  readonly resources: StatefulResources;
  /** Repository root the function entries are relative to. */
  readonly sourceRoot: string;
}

/**
 * The code: the HTTP API, one function per deployed definition, and their triggers (routes, queue event
 * sources, schedules). Nothing here holds data, so the stack can be destroyed and rebuilt at will.
 *
 * @example
 * new StatelessStack(app, 'vanthu-dev-stateless', { config, definitions, resources: stateful.resources, sourceRoot });
 */
export class StatelessStack extends Stack {
  readonly api: PortalApi;
  readonly functions: ReadonlyMap<string, VanthuFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { resources } = props;
    this.api = new PortalApi(this, 'Api', { tokenIssuer: resources.tokenIssuer, corsOrigins: props.config.portalOrigins });
    // Page tokens are signed with this generated key. It holds no data: replacing it (or this stack) only
    // makes the tokens handed out so far refused (400, start the list again).
    const pageTokenKey = new secretsmanager.Secret(this, 'PageTokenKey', {
      description: 'vanthu: HMAC-SHA256 key of page tokens (VANTHU_PAGE_TOKEN_KEY)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    const scopeOfFunctions = new Construct(this, 'Functions');
    this.functions = new Map(
      deployedFunctions(props.definitions.functions).map((definition) => {
        const fn = new VanthuFunction(scopeOfFunctions, definition.name, { definition, sourceRoot: props.sourceRoot });
        bindAccess(fn, definition.access, resources, mailSettings(props.config));
        if (definition.access.table !== undefined) bindPageTokenKey(fn, pageTokenKey);
        const axis = axisSettings(props.config);
        if (definition.access.axis === true && axis !== undefined) {
          // The secret is resolved by CloudFormation at deploy time into the function's environment.
          fn.addEnvironment('AXIS_ENDPOINT', axis.endpoint);
          fn.addEnvironment('AXIS_SYSTEM_ID', axis.systemId);
          fn.addEnvironment('AXIS_SECRET', SecretValue.secretsManager(axis.secretName).unsafeUnwrap());
        }
        this.attachTrigger(fn, definition.trigger, resources);
        return [definition.name, fn] as const;
      }),
    );
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
  }

  private attachTrigger(fn: VanthuFunction, trigger: FunctionDefinition['trigger'], resources: StatefulResources): void {
    switch (trigger.kind) {
      case 'http':
        this.api.addRoutes(fn, trigger.routes);
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
}
