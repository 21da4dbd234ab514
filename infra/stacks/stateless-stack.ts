import * as path from 'node:path';
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ApiAlarms } from '../constructs/alarms.ts';
import { PortalApi } from '../constructs/api.ts';
import { StageDashboard } from '../constructs/dashboard.ts';
import type { VanthuFunction } from '../constructs/function.ts';
import { watchedFunction } from '../constructs/function-alarms.ts';
import type { TokenIssuer } from '../constructs/identity.ts';
import { AreaStack } from './area-stack.ts';
import { layoutByArea } from './areas.ts';
import { browserOrigins, type DeployConfig } from './config.ts';
import { PortalStack } from './portal-stack.ts';
import type { StatefulResources } from './stateful-stack.ts';
import { deployedFunctions, type SystemDefinitions } from './system.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly definitions: SystemDefinitions;
  readonly resources: StatefulResources;
  /** Repository root the function entries, and the built portal (portal/dist), are relative to. */
  readonly sourceRoot: string;
}

/**
 * The code: the HTTP API (stage, JWT authorizer, access logs), the page-token key, one nested stack per area
 * (./areas.ts) holding one function per deployed definition with its triggers (routes, queue event sources,
 * schedules), the alarms of the API, the stage's dashboard, and the portal's nested stack (./portal-stack.ts: S3, CloudFront, its Cognito client). Nested
 * stacks keep every template far below CloudFormation's 500 resources while each function keeps a role of
 * its own. Nothing here holds data (the portal's bucket holds only the build, and is retained), so the stack
 * can be destroyed and rebuilt at will.
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
  readonly portal: PortalStack;
  /** The stage's CloudWatch dashboard, `vanthu-<stage>`. */
  readonly dashboard: StageDashboard;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, resources } = props;
    const { identity } = resources;
    // The portal needs the API's address (its CSP, config.json) and the API's authorizer needs the portal's
    // Cognito client (callback: the distribution's address): the API comes first and reads the client's id
    // when the app is synthesized.
    const tokenIssuer: TokenIssuer =
      identity.kind === 'external' ? identity.tokenIssuer : { issuer: identity.users.issuer, audience: Lazy.list({ produce: () => this.portalAudience() }) };
    this.api = new PortalApi(this, 'Api', { tokenIssuer, corsOrigins: browserOrigins(config), logRetention: config.logRetentionDays });
    this.portal = new PortalStack(this, 'Portal', {
      description: `vanthu (${config.stage}): portal (S3, CloudFront${identity.kind === 'cognito' ? ', Cognito client' : ''})`,
      config,
      identity,
      apiEndpoint: this.api.api.apiEndpoint,
      files: resources.files.bucket,
      directory: path.join(props.sourceRoot, 'portal', 'dist'),
    });
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
    const apiAlarms = new ApiAlarms(this, 'ApiAlarms', { stage: config.stage, topic: resources.alarmTopic, thresholds: config.alarmThresholds, apiStage: this.api.stage });
    this.dashboard = new StageDashboard(this, 'Dashboard', {
      stage: config.stage,
      thresholds: config.alarmThresholds,
      apiStage: this.api.stage,
      table: resources.table.table,
      queues: resources.queues.all,
      functionGroups: [
        ...this.areas.map((area) => ({ title: `Functions of ${area.node.id}`, functions: [...area.functions.values()].map(watchedFunction) })),
        ...(identity.kind === 'cognito' ? [{ title: 'Sign-in trigger', functions: [identity.users.claimsMapper] }] : []),
      ],
      alarmNames: [...resources.alarms, ...apiAlarms.alarms, ...this.areas.flatMap((area) => area.alarms)].map((alarm) => alarm.name),
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    new CfnOutput(this, 'PortalUrl', { value: this.portal.site.url });
    new CfnOutput(this, 'PortalDistributionDomain', { value: this.portal.site.distribution.distributionDomainName });
    if (this.portal.client !== undefined) new CfnOutput(this, 'PortalClientId', { value: this.portal.client.userPoolClientId });
  }

  /** The audience of the built-in user pool's tokens: the portal's client. */
  private portalAudience(): string[] {
    const client = this.portal.client;
    if (client === undefined) throw new Error('the built-in user pool has no portal client');
    return [client.userPoolClientId];
  }
}
