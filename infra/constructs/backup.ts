import { Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BackupSettings } from '../stacks/config.ts';
import { encryptionKey } from './keys.ts';

export interface DataBackupProps {
  /** The document table (point-in-time recovery covers its last 35 days; the plan keeps daily points). */
  readonly table: dynamodb.ITable;
  /** The file bucket: versioned, which AWS Backup requires of an S3 source. */
  readonly bucket: s3.IBucket;
  /** How long recovery points are kept, and where a copy of each goes. */
  readonly settings: BackupSettings;
}

/**
 * AWS managed policies the backup role needs for S3. CDK's `BackupSelection` attaches the generic backup and
 * restore policies only; S3 sources need these too (listing and reading every object version, the bucket's KMS
 * key through S3, and writing objects back on a restore).
 */
export const s3BackupPolicies = ['AWSBackupServiceRolePolicyForS3Backup', 'AWSBackupServiceRolePolicyForS3Restore'] as const;

/**
 * The daily backup of the stage's data: an AWS Backup plan whose rule runs at 03:00 Hanoi time and keeps each
 * recovery point `retentionDays`, for the table and the file bucket, in a vault of its own encrypted under its
 * own customer-managed key; with `copy`, every recovery point is also copied to that vault (another account
 * and/or region) and kept there `copy.retentionDays`.
 *
 * Nobody deletes a recovery point before its time: the vault's access policy denies `backup:DeleteRecoveryPoint`
 * and `backup:UpdateRecoveryPointLifecycle` to every principal, the account's root and administrators included;
 * points leave the vault only when their lifecycle expires them, which AWS Backup does itself. Chosen over Vault
 * Lock in governance mode: the deny is a plain resource policy in the template, reviewed and tested like the
 * others; it refuses early deletion outright (a governance lock allows it past its minimum); and it puts no
 * minimum on what may enter the vault (a lock fails a one-off backup kept less than its minimum). Undoing it takes
 * a change of the vault's access policy (`backup:PutBackupVaultAccessPolicy`, recorded by CloudTrail). Vault Lock
 * in compliance mode, irreversible once its grace time is over, is a decision for the archive, not a default.
 * The vault and its key are retained when the stack goes.
 *
 * @example
 * const backups = new DataBackup(this, 'Backup', { table: table.table, bucket: files.bucket, settings: backupSettings(config) });
 * backups.vault.backupVaultArn;
 */
export class DataBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly key: kms.Key;
  readonly plan: backup.BackupPlan;
  /** The role AWS Backup assumes to back up and restore the table and the bucket. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DataBackupProps) {
    super(scope, id);
    const { settings } = props;
    this.key = encryptionKey(this, 'Key', 'vanthu backup vault');
    this.vault = new backup.BackupVault(this, 'Vault', {
      encryptionKey: this.key,
      blockRecoveryPointDeletion: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const copy = settings.copy;
    const copyActions =
      copy === undefined
        ? undefined
        : [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', copy.vaultArn), deleteAfter: Duration.days(copy.retentionDays) }];
    this.plan = new backup.BackupPlan(this, 'Plan', {
      // Plan names are the account's, per region: the stack's name keeps two stages of one account apart.
      backupPlanName: `${Stack.of(this).stackName}-daily`,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'daily',
          backupVault: this.vault,
          // At night in Hanoi (20:00 UTC); AWS Backup starts the job within its start window (8 hours by default).
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '3' }),
          scheduleExpressionTimezone: TimeZone.ASIA_HO_CHI_MINH,
          deleteAfter: Duration.days(settings.retentionDays),
          copyActions,
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'vanthu: AWS Backup of the document table and the file bucket',
      managedPolicies: s3BackupPolicies.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    // allowRestores adds AWSBackupServiceRolePolicyForRestores to the generic AWSBackupServiceRolePolicyForBackup.
    this.plan.addSelection('Data', {
      role: this.role,
      allowRestores: true,
      resources: [backup.BackupResource.fromDynamoDbTable(props.table), backup.BackupResource.fromArn(props.bucket.bucketArn)],
    });
  }
}
