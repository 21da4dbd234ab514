import { CfnResource, Stack, Validations, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { bucket } from '#infra/definitions';
import { DataBackup } from '../constructs/backup.ts';
import { VanthuFunction } from '../constructs/function.ts';
import { PortalUserPool } from '../constructs/identity.ts';
import { PortalSite } from '../constructs/portal.ts';
import type { VanthuStacks } from './vanthu.ts';

/**
 * A cdk-nag finding we accept, and why. `id` is the rule (`AwsSolutions-IAM5`); for rules that report
 * several findings a resource (IAM4, IAM5) `appliesTo` matches the finding (`Resource::<…>/index/*`).
 */
export interface NagSuppression {
  readonly id: string;
  readonly appliesTo?: RegExp;
  /** The resources it covers: never a whole stack. */
  readonly covers: (resource: CfnResource) => boolean;
  /** Why the finding is acceptable: a sentence, recorded with each acknowledgement. */
  readonly reason: string;
}

/** A finding acknowledged on a resource, with the suppression that covered it. */
export interface Acknowledged {
  readonly finding: string;
  readonly path: string;
  readonly suppression: NagSuppression;
}

export interface NagOutcome {
  /** What is left once the suppressions are acknowledged: empty when the app is clean. */
  readonly report: PolicyValidationPluginReport;
  readonly acknowledged: readonly Acknowledged[];
  /** Suppressions that covered no finding of the run: stale, or for a configuration not synthesized. */
  readonly unused: readonly NagSuppression[];
}

/**
 * Every finding of cdk-nag's AwsSolutions pack that the app accepts. Those that name a resource of another
 * stack (`<table ARN>/index/*`) are matched by the logical id of that resource, which appears in the finding
 * whatever form the cross-stack reference takes (`Fn::GetStackOutput`, `Fn::ImportValue`).
 */
export function nagSuppressions(stacks: VanthuStacks): readonly NagSuppression[] {
  const { table, files } = stacks.stateful.resources;
  const portal = stacks.stateless.portal.site;
  const portalDistribution = (resource: CfnResource): boolean => resource instanceof cloudfront.CfnDistribution && within(resource, PortalSite);
  const functionPolicy = (resource: CfnResource): boolean => resource instanceof iam.CfnPolicy && within(resource, VanthuFunction);
  return [
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: /^Resource::\*$/,
      covers: (resource) => resource instanceof iam.CfnPolicy && onlyTracingOnAnyResource(resource),
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions, so the active tracing of every function can only be allowed on "*"; the statement holds those two actions only, and test/infra (wildcardGrant) keeps every other action off "*".',
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: arnFinding(table.table, '/index/*'),
      covers: functionPolicy,
      reason:
        'Queries on a global secondary index are authorized on <table ARN>/index/<name>: index/* is anchored on the one table, covers its four indexes (docs/DATA.md) and carries the same item actions the function has on the table.',
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: arnFinding(files.bucket, '/*'),
      covers: functionPolicy,
      reason:
        "Object actions are authorized on object ARNs: <bucket ARN>/* is anchored on the one file bucket and carries only the object actions of the function's access mode (GetObject, GetObjectVersion, and PutObject with AbortMultipartUpload for readwrite), never a bucket-level action or a deletion.",
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: arnFinding(files.bucket, `/${bucket.uploadPrefix}*`),
      covers: functionPolicy,
      reason: `The upload checker destroys an upload whose document became secret on its way (docs/SECURITY.md): DeleteObject and DeleteObjectVersion are limited to uploads under ${bucket.uploadPrefix} and granted only to functions whose definition sets destroysSecretContent (test/infra/stateless.test.ts).`,
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: /^Resource::<[A-Za-z0-9]+\.Arn>:\*$/,
      covers: (resource) => resource instanceof iam.CfnPolicy && resource.node.scopes.some((scope) => scope.node.id.startsWith('SchedulerRoleForTarget-')),
      reason:
        "CDK's LambdaInvoke schedule target grants lambda:InvokeFunction on its function and on <function ARN>:* (that function's versions and aliases); the role is one per target function and only EventBridge Scheduler of this account may assume it.",
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: new RegExp(`^Resource::arn:${partition}:ssm:${region}:${account}:parameter${stacks.stateful.resources.signing.configPath}/\\*$`),
      covers: functionPolicy,
      reason:
        "GetParametersByPath (the only action) reads the stage's own parameter namespace /vanthu/<stage>/ in one paged call (infra/constructs/signing.ts): the policy, the trust anchors, the agencies' certificate chains and the TSA, none of them secret; the path is anchored on the stage and granted only to functions whose definition sets access.signing.",
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: new RegExp(`^Resource::arn:${partition}:secretsmanager:${region}:${account}:secret:${stacks.stateful.resources.signing.configPath.slice(1)}/signing/\\*$`),
      covers: functionPolicy,
      reason:
        "GetSecretValue (the only action) on the stage's signing secrets vanthu/<stage>/signing/ (the remote signing service's OAuth2 client secret): a secret ARN always ends in a random suffix, so the grant names the stage's signing namespace, granted only to functions whose definition sets access.signing.",
    },
    {
      id: 'AwsSolutions-IAM4',
      appliesTo: /^Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole$/,
      covers: (resource) => resource instanceof iam.CfnRole && resource.node.path.includes(`/${cdkBucketNotificationsHandler}/`),
      reason:
        "The role of CDK's own handler that writes the bucket's event notifications at deploy time (Custom::S3BucketNotifications); CDK attaches AWSLambdaBasicExecutionRole, which allows nothing but writing its logs, and offers no way to replace it.",
    },
    {
      id: 'AwsSolutions-IAM4',
      appliesTo: new RegExp(`^Policy::arn:${partition}:iam::aws:policy/(?:service-role/)?AWSBackupServiceRolePolicyFor(?:Backup|Restores|S3Backup|S3Restore)$`),
      covers: (resource) => resource instanceof iam.CfnRole && within(resource, DataBackup),
      reason:
        "The role AWS Backup assumes (only backup.amazonaws.com may) for the stage's backup plan: AWS's own backup and restore policies, those for S3 among them, are what AWS Backup documents for its service role and follows as the services change (copy jobs, S3 versions, KMS through S3); a copy of ours would fall behind them and fail backups silently.",
    },
    {
      id: 'AwsSolutions-L1',
      covers: (resource) => resource instanceof lambda.CfnFunction && Stack.of(resource).resolve(resource.runtime) === lambda.Runtime.NODEJS_22_X.name,
      reason:
        'Node.js 22 is the LTS runtime the code is written, typed and tested for (package.json engines, @types/node 22); a newer runtime is a deliberate upgrade of every function at once, and test/infra (wrongRuntime) keeps them all on nodejs22.x until then.',
    },
    {
      id: 'AwsSolutions-APIG4',
      covers: (resource) => resource instanceof apigw.CfnRoute && resource.authorizationType === 'NONE',
      reason:
        "Routes whose definition says auth none (health, the OpenAPI document: nothing but liveness and the API description) or signed (webhooks of external agencies: the handler verifies the Standard Webhooks signature over the raw body with the agency's keys before it parses or stores anything); every other route has the JWT authorizer, and test/infra/stateless.test.ts checks each route against its definition.",
    },
    {
      id: 'AwsSolutions-SMG4',
      covers: (resource) => resource === stacks.stateless.pageTokenKey.node.defaultChild,
      reason:
        "The page-token key guards no data: a token grants nothing (every page is read within the caller's own scope) and its MAC only keeps crafted positions from reaching DynamoDB. Rotation would need a rotation function and verification under two keys; replacing the secret rotates it at the cost of the tokens in flight (400, the list restarts).",
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: arnFinding(portal.bucket, '/*'),
      covers: (resource) => resource instanceof iam.CfnPolicy && portal.publisher !== undefined && resource.node.scopes.includes(portal.publisher),
      reason:
        "CDK's BucketDeployment copies the built portal into the portal bucket: <portal bucket ARN>/* is anchored on that one bucket and carries PutObject and AbortMultipartUpload only (no deletion: nothing is pruned); the role reads nothing but the deployment's own asset archives.",
    },
    {
      id: 'AwsSolutions-L1',
      covers: (resource) => resource instanceof lambda.CfnFunction && resource.node.path.includes(`/${cdkBucketDeploymentHandler}`),
      reason:
        "The handler of CDK's BucketDeployment (Python with the AWS CLI layer) is CDK's code and runtime, chosen by aws-cdk-lib and upgraded with it; it runs only while a deployment copies the portal's files, never on a request.",
    },
    {
      id: 'AwsSolutions-CFR1',
      covers: portalDistribution,
      reason:
        "The distribution serves only the portal's public build (a page, its script and styles, config.json); officials also sign in from missions abroad, and every piece of data is behind the API's JWT authorizer, so a country restriction would block people without protecting anything.",
    },
    {
      id: 'AwsSolutions-CFR2',
      covers: portalDistribution,
      reason:
        'The distribution serves static files read from S3 (nothing to inject into); the attack surface is the HTTP API, with its JWT authorizer, stage throttling and access logs. A WAF web ACL (us-east-1, billed per rule and request) can be attached later without a change here.',
    },
    {
      id: 'AwsSolutions-CFR3',
      covers: portalDistribution,
      reason:
        "Standard logging would record who downloaded the same public build as everyone else; what people do is logged by the API's access logs (with the user's sub) and the file bucket's server access logs, and the portal bucket's own server access logs record every file CloudFront fetched.",
    },
    {
      id: 'AwsSolutions-CFR4',
      covers: (resource) => portalDistribution(resource) && !hasCertificate(resource as cloudfront.CfnDistribution),
      reason:
        "Without a custom domain the distribution answers on its cloudfront.net address with CloudFront's default certificate, whose security policy AWS fixes at TLSv1; a stage with portalDomain and portalCertificateArn gets TLSv1.2_2021 (docs/DEPLOY.md, Portal), which is what production should use.",
    },
    {
      id: 'AwsSolutions-COG1',
      covers: (resource) => resource instanceof cognito.CfnUserPool && within(resource, PortalUserPool),
      reason:
        'Passwords need 12 characters with upper- and lower-case letters and digits but no symbols, following NIST SP 800-63B (length rather than composition rules); every user also needs a TOTP second factor (MFA required).',
    },
    {
      id: 'AwsSolutions-COG8',
      covers: (resource) => resource instanceof cognito.CfnUserPool && within(resource, PortalUserPool),
      reason:
        'The Plus feature plan (threat protection) is billed per monthly active user; the risk it mainly addresses, sign-ins with stolen or guessed passwords, is already met by the TOTP factor required of every user, and accounts are created by administrators only (no self sign-up).',
    },
  ];
}

/**
 * cdk-nag's AwsSolutions pack as a validation plugin of the synth: it runs the pack, acknowledges each
 * finding a suppression of `nagSuppressions` covers on its resource (CDK's `Validations.acknowledge`, with
 * the reason), and reports the rest, which fails the synth. Acknowledged at validation time, not when the
 * constructs are built, because a finding's id holds the synthesized form of the resource it names (a
 * cross-stack reference is rendered only then); so the acknowledgements are not in the cloud assembly.
 */
export class VanthuNagChecks implements IPolicyValidationPlugin {
  readonly name = 'cdk-nag AwsSolutions';
  private readonly pack = new AwsSolutionsChecks(undefined, { verbose: true });
  private last: NagOutcome | undefined;

  constructor(private readonly suppressions: readonly NagSuppression[]) {}

  /** The outcome of the last validation, once the app is synthesized. */
  get outcome(): NagOutcome | undefined {
    return this.last;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.last = this.check(context.appConstruct);
    return this.last.report;
  }

  /** Runs the pack over a synthesized construct tree, acknowledging what the suppressions cover. */
  check(root: IConstruct): NagOutcome {
    const byPath = new Map(root.node.findAll().map((construct) => [construct.node.path, construct]));
    const acknowledged: Acknowledged[] = [];
    for (const violation of this.pack.validateScope(root).violations) {
      for (const { constructPath } of violation.violatingResources) {
        const resource = constructPath === undefined ? undefined : byPath.get(constructPath);
        if (!(resource instanceof CfnResource)) continue;
        const suppression = this.suppressions.find((candidate) => covers(candidate, violation.ruleName, resource));
        if (suppression === undefined) continue;
        Validations.of(resource).acknowledge({ id: violation.ruleName, reason: suppression.reason });
        acknowledged.push({ finding: violation.ruleName, path: resource.node.path, suppression });
      }
    }
    const unused = this.suppressions.filter((suppression) => !acknowledged.some((entry) => entry.suppression === suppression));
    return { report: this.pack.validateScope(root), acknowledged, unused };
  }
}

/**
 * Adds the checks to an app: `cdk synth -c nag=true` then fails on any finding not acknowledged.
 *
 * @example
 * const stacks = defineVanthu(app, { config });
 * if (app.node.tryGetContext('nag') === 'true') checkWithNag(app, stacks);
 */
export function checkWithNag(app: IConstruct, stacks: VanthuStacks): VanthuNagChecks {
  const checks = new VanthuNagChecks(nagSuppressions(stacks));
  Validations.of(app).addPlugins(checks);
  return checks;
}

/**
 * The parts of an ARN as a finding shows them: pseudo parameters in an environment-agnostic synth (the tests),
 * literals when the stacks know their environment (`cdk synth` sets the region, credentials the account).
 */
const partition = '(?:<AWS::Partition>|aws[a-z-]*)';
const region = '(?:<AWS::Region>|[a-z]{2}(?:-[a-z]+)+-\\d)';
const account = '(?:<AWS::AccountId>|\\d{12})';

/** CDK's singleton handler that applies bucket notifications (fixed id). */
const cdkBucketNotificationsHandler = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/** CDK's singleton handler of BucketDeployment (fixed id), which copies the portal into its bucket. */
const cdkBucketDeploymentHandler = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';

/** X-Ray's trace actions: the only ones AWS authorizes on "*" alone. */
const tracingActions = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

function covers(suppression: NagSuppression, ruleName: string, resource: CfnResource): boolean {
  const [, rule, finding] = /^([^[]+)(?:\[(.*)\])?$/s.exec(ruleName) ?? [];
  if (rule !== suppression.id) return false;
  const findingMatches = suppression.appliesTo === undefined ? finding === undefined : finding !== undefined && suppression.appliesTo.test(finding);
  return findingMatches && suppression.covers(resource);
}

function within(resource: IConstruct, type: abstract new (...args: never[]) => IConstruct): boolean {
  return resource.node.scopes.some((scope) => scope instanceof type);
}

/** The finding of a resource ARN of a construct followed by a suffix, in any form a reference takes. */
function arnFinding(construct: IConstruct, suffix: string): RegExp {
  const child = construct.node.defaultChild;
  if (!(child instanceof CfnResource)) throw new Error(`${construct.node.path}: no CloudFormation resource`);
  const logicalId = String(Stack.of(child).resolve(child.logicalId));
  return new RegExp(`^Resource::.*${escapeRegExp(logicalId)}\\.?Arn[^/]*${escapeRegExp(suffix)}$`);
}

/** True when every statement of the policy on `Resource: "*"` grants X-Ray trace actions only. */
function onlyTracingOnAnyResource(policy: iam.CfnPolicy): boolean {
  const document: unknown = Stack.of(policy).resolve(policy.policyDocument);
  const statements = isRecord(document) && Array.isArray(document['Statement']) ? document['Statement'] : [];
  return statements
    .filter(isRecord)
    .filter((statement) => [statement['Resource']].flat().includes('*'))
    .every((statement) => [statement['Action']].flat().every((action) => tracingActions.has(String(action))));
}

/** True when the distribution has a viewer certificate of its own (ACM): the custom domain. */
function hasCertificate(distribution: cloudfront.CfnDistribution): boolean {
  const config: unknown = Stack.of(distribution).resolve(distribution.distributionConfig);
  const certificate = isRecord(config) ? config['viewerCertificate'] : undefined;
  return isRecord(certificate) && certificate['acmCertificateArn'] !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
