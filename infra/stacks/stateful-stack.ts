import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { type NamedAlarm, QueueAlarms, TableAlarms } from '../constructs/alarms.ts';
import { DataBackup } from '../constructs/backup.ts';
import type { BindableResources } from '../constructs/bindings.ts';
import { DocumentTable, FileBucket } from '../constructs/data.ts';
import { FunctionAlarms } from '../constructs/function-alarms.ts';
import { encryptionKey } from '../constructs/keys.ts';
import { Signing } from '../constructs/signing.ts';
import { PortalUserPool, type TokenIssuer } from '../constructs/identity.ts';
import { BucketQueueDestination } from '../constructs/notifications.ts';
import { MessageQueues } from '../constructs/queues.ts';
import { backupSettings, browserOrigins, type DeployConfig } from './config.ts';
import { deployedFunctions, uploadPrefix, type SystemDefinitions } from './system.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly definitions: SystemDefinitions;
}

/**
 * Who signs people in: an external OIDC issuer (its audience configured), or the built-in user pool, whose
 * portal client is made with the portal (its callback is the distribution's address) and is the audience.
 */
export type PortalIdentity = { readonly kind: 'external'; readonly tokenIssuer: TokenIssuer } | { readonly kind: 'cognito'; readonly users: PortalUserPool };

/** What the stateless stack is built on: the data resources and who signs the portal's users in. */
export interface StatefulResources extends BindableResources {
  readonly identity: PortalIdentity;
  /** The topic every alarm of the stage publishes to (the stateless stack's and its area stacks' too). */
  readonly alarmTopic: sns.ITopic;
  /** The alarms made here, on the queues and the table: the dashboard lists them by name. */
  readonly alarms: readonly NamedAlarm[];
}

/**
 * Everything that holds data and must outlive a redeploy of the code: the table, the bucket and their daily backup, the queues
 * with their alarms (dead letters, oldest message), the table's throttles alarm and the stage's alarm topic, the KMS keys (the agencies' seal keys among them), the signing parameters, and the portal user pool with its sign-in domain when no external issuer is set.
 *
 * @example
 * const stateful = new StatefulStack(app, 'vanthu-dev-stateful', { config, definitions: systemDefinitions });
 * stateful.resources.table.table.tableName;
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;
  /** The daily AWS Backup of the table and the file bucket (docs/DEPLOY.md, Backups and retention). */
  readonly backup: DataBackup;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config, definitions } = props;
    const table = new DocumentTable(this, 'Documents', { definition: definitions.table });
    const files = new FileBucket(this, 'Files', { corsOrigins: browserOrigins(config), uploadUrlSeconds: definitions.bucket.uploadUrlSeconds });
    this.backup = new DataBackup(this, 'Backup', { table: table.table, bucket: files.bucket, settings: backupSettings(config) });
    const queues = new MessageQueues(this, 'Queues', {
      definitions: definitions.queues,
      visibilityTimeoutSeconds: definitions.visibilityTimeoutSeconds,
    });
    // The construct id of the former DeadLetterAlarms: the topic keeps its logical id, and its e-mail subscription.
    const queueAlarms = new QueueAlarms(this, 'DeadLetterAlarms', {
      stage: config.stage,
      queues: queues.all,
      key: queues.key,
      email: config.alarmEmail,
      thresholds: config.alarmThresholds,
      functions: deployedFunctions(definitions.functions),
    });
    const alarmSettings = { stage: config.stage, topic: queueAlarms.topic, thresholds: config.alarmThresholds };
    const tableAlarms = new TableAlarms(this, 'TableAlarms', { ...alarmSettings, table: table.table });
    files.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new BucketQueueDestination(queues.get('fileUploaded').queue), {
      prefix: uploadPrefix,
    });
    // Webhook secrets are encrypted by the application itself (KMS Encrypt/Decrypt), under a key of their own.
    const secretsKey = encryptionKey(this, 'WebhookSecretsKey', 'vanthu webhook secrets');
    const signing = new Signing(this, 'Signing', {
      stage: config.stage,
      policy: config.signingPolicy,
      sealAgencies: config.sealAgencies,
      ...(config.tsaUrl === undefined ? {} : { tsaUrl: config.tsaUrl }),
    });
    const identity = this.identity(config);
    // The built-in pool's trigger runs at every sign-in: its failures lock everyone out.
    const identityAlarms =
      identity.kind === 'cognito' ? new FunctionAlarms(identity.users, 'ClaimsMapperAlarms', { ...alarmSettings, fn: identity.users.claimsMapper }).alarms : [];
    this.resources = {
      table,
      files,
      queues,
      secretsKey,
      signing,
      identity,
      alarmTopic: queueAlarms.topic,
      alarms: [...queueAlarms.alarms, ...tableAlarms.alarms, ...identityAlarms],
    };
    new CfnOutput(this, 'TableName', { value: table.table.tableName });
    new CfnOutput(this, 'BucketName', { value: files.bucket.bucketName });
  }

  /** The configured OIDC issuer, or a Cognito user pool of this stack with its hosted sign-in domain. */
  private identity(config: DeployConfig): PortalIdentity {
    if (config.jwtIssuer !== undefined) return { kind: 'external', tokenIssuer: { issuer: config.jwtIssuer, audience: config.jwtAudience } };
    const users = new PortalUserPool(this, 'PortalUsers', {
      domainPrefix: config.cognitoDomainPrefix ?? `vanthu-${config.stage}-${Aws.ACCOUNT_ID}`,
      logRetention: config.logRetentionDays,
    });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'SignInDomain', { value: users.signInUrl });
    return { kind: 'cognito', users };
  }
}
