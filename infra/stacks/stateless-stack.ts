import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PortalApi } from '../constructs/api.ts';
import type { VanthuFunction } from '../constructs/function.ts';
import { AreaStack } from './area-stack.ts';
import { layoutByArea } from './areas.ts';
import type { DeployConfig } from './config.ts';
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
 * The code: the HTTP API (stage, JWT authorizer, access logs), the page-token key, and one nested stack
 * per area (./areas.ts) holding one function per deployed definition with its triggers (routes, queue event
 * sources, schedules). Nested stacks keep every template far below CloudFormation's 500 resources while each
 * function keeps a role of its own. Nothing here holds data, so the stack can be destroyed and rebuilt at will.
 *
 * @example
 * new StatelessStack(app, 'vanthu-dev-stateless', { config, definitions, resources: stateful.resources, sourceRoot });
 */
export class StatelessStack extends Stack {
  readonly api: PortalApi;
  /** The HMAC key of page tokens, passed to every function that reads the table. */
  readonly pageTokenKey: secretsmanager.Secret;
  readonly areas: readonly AreaStack[];
  readonly functions: ReadonlyMap<string, VanthuFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, resources } = props;
    this.api = new PortalApi(this, 'Api', { tokenIssuer: resources.tokenIssuer, corsOrigins: config.portalOrigins });
    // Page tokens are signed with this generated key. It holds no data: replacing it (or this stack) only
    // makes the tokens handed out so far refused (400, start the list again).
    this.pageTokenKey = new secretsmanager.Secret(this, 'PageTokenKey', {
      description: 'vanthu: HMAC-SHA256 key of page tokens (VANTHU_PAGE_TOKEN_KEY)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    const layout = layoutByArea(deployedFunctions(props.definitions.functions));
    const areas = new Map(
      layout.stacks.map((plan) => [
        plan.id,
        new AreaStack(this, plan.id, {
          description: `vanthu (${config.stage}): functions of ${plan.area}`,
          config,
          functions: plan.functions,
          resources,
          pageTokenKey: this.pageTokenKey,
          sourceRoot: props.sourceRoot,
        }),
      ]),
    );
    this.areas = [...areas.values()];
    this.functions = new Map(this.areas.flatMap((area) => [...area.functions]));
    for (const { stackId, definition, route } of layout.routes) {
      const area = areas.get(stackId);
      const fn = this.functions.get(definition.name);
      if (area === undefined || fn === undefined) throw new Error(`route ${route.method} ${route.path}: no stack ${stackId} or function ${definition.name}`);
      this.api.addRoute(area, fn, route);
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
  }
}
