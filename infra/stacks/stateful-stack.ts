import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DeadLetterAlarms } from '../constructs/alarms.ts';
import type { BindableResources } from '../constructs/bindings.ts';
import { DocumentTable, FileBucket } from '../constructs/data.ts';
import { encryptionKey } from '../constructs/keys.ts';
import { Signing } from '../constructs/signing.ts';
import { PortalUserPool, type TokenIssuer } from '../constructs/identity.ts';
import { BucketQueueDestination } from '../constructs/notifications.ts';
import { MessageQueues } from '../constructs/queues.ts';
import { browserOrigins, type DeployConfig } from './config.ts';
import { uploadPrefix, type SystemDefinitions } from './system.ts';

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
}

/**
 * Everything that holds data and must outlive a redeploy of the code: the table, the bucket, the queues
 * and their dead-letter alarms, the KMS keys (the agencies' seal keys among them), the signing parameters, and the portal user pool with its sign-in domain when no external issuer is set.
 *
 * @example
 * const stateful = new StatefulStack(app, 'vanthu-dev-stateful', { config, definitions: systemDefinitions });
 * stateful.resources.table.table.tableName;
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config, definitions } = props;
    const table = new DocumentTable(this, 'Documents', { definition: definitions.table });
    const files = new FileBucket(this, 'Files', { corsOrigins: browserOrigins(config), uploadUrlSeconds: definitions.bucket.uploadUrlSeconds });
    const queues = new MessageQueues(this, 'Queues', {
      definitions: definitions.queues,
      visibilityTimeoutSeconds: definitions.visibilityTimeoutSeconds,
    });
    new DeadLetterAlarms(this, 'DeadLetterAlarms', { queues: queues.all, key: queues.key, email: config.alarmEmail });
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
    this.resources = { table, files, queues, secretsKey, signing, identity: this.identity(config) };
    new CfnOutput(this, 'TableName', { value: table.table.tableName });
    new CfnOutput(this, 'BucketName', { value: files.bucket.bucketName });
  }

  /** The configured OIDC issuer, or a Cognito user pool of this stack with its hosted sign-in domain. */
  private identity(config: DeployConfig): PortalIdentity {
    if (config.jwtIssuer !== undefined) return { kind: 'external', tokenIssuer: { issuer: config.jwtIssuer, audience: config.jwtAudience } };
    const users = new PortalUserPool(this, 'PortalUsers', { domainPrefix: config.cognitoDomainPrefix ?? `vanthu-${config.stage}-${Aws.ACCOUNT_ID}` });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'SignInDomain', { value: users.signInUrl });
    return { kind: 'cognito', users };
  }
}
