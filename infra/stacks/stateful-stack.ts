import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
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
import type { DeployConfig } from './config.ts';
import { uploadPrefix, type SystemDefinitions } from './system.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly definitions: SystemDefinitions;
}

/** What the stateless stack is built on: the data resources and the issuer its API trusts. */
export interface StatefulResources extends BindableResources {
  readonly tokenIssuer: TokenIssuer;
}

/**
 * Everything that holds data and must outlive a redeploy of the code: the table, the bucket, the queues
 * and their dead-letter alarms, the KMS keys (the agencies' seal keys among them), the signing parameters, and the portal user pool when no external issuer is set.
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
    const files = new FileBucket(this, 'Files', { corsOrigins: config.portalOrigins, uploadUrlSeconds: definitions.bucket.uploadUrlSeconds });
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
    this.resources = { table, files, queues, secretsKey, signing, tokenIssuer: this.tokenIssuer(config) };
    new CfnOutput(this, 'TableName', { value: table.table.tableName });
    new CfnOutput(this, 'BucketName', { value: files.bucket.bucketName });
  }

  /** The configured OIDC issuer, or a Cognito user pool of this stack. */
  private tokenIssuer(config: DeployConfig): TokenIssuer {
    if (config.jwtIssuer !== undefined) return { issuer: config.jwtIssuer, audience: config.jwtAudience };
    const users = new PortalUserPool(this, 'PortalUsers');
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    return users.tokenIssuer;
  }
}
