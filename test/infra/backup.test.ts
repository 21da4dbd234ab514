import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bucket } from '#infra/definitions';
import { s3BackupPolicies } from '#infra/constructs/backup';
import { synthesizeSystem } from './synth.ts';
import { asList, isRecord, prop, resolve, resources, type Located, type Templates } from './template.ts';

// Prepare (shared): the default stage, and a stage with its own retention and a copy to another account's vault.
const copyVaultArn = 'arn:aws:backup:ap-southeast-2:111122223333:backup-vault:vanthu-prod-copies';
const system = synthesizeSystem();
const configured = synthesizeSystem({
  context: { stage: 'prod', backupRetentionDays: '90', backupCopyVaultArn: copyVaultArn, backupCopyRetentionDays: '365' },
});
const copiedAsLong = synthesizeSystem({ context: { backupCopyVaultArn: copyVaultArn } });

describe('the backup plan', () => {
  it('runs once a day at 03:00 Hanoi time and keeps each recovery point 35 days by default', () => {
    // Act
    const rules = planRules(system.templates);
    // Assess
    system.stateful.hasResourceProperties('AWS::Backup::BackupPlan', { BackupPlan: Match.objectLike({ BackupPlanName: 'vanthu-dev-stateful-daily' }) });
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      Lifecycle: { DeleteAfterDays: 35 },
    });
    expect(rules[0]?.['CopyActions']).toBeUndefined();
  });

  it('keeps recovery points the configured number of days (backupRetentionDays)', () => {
    // Act
    const [rule] = planRules(configured.templates);
    // Assess
    expect(rule?.['Lifecycle']).toEqual({ DeleteAfterDays: 90 });
  });

  it('puts the recovery points in its own vault, under a key of its own, both kept when the stack goes', () => {
    // Prepare
    const vault = theVault(system.templates);
    const [plan] = resources(system.templates, 'AWS::Backup::BackupPlan');
    if (plan === undefined) throw new Error('no backup plan');
    // Act
    const key = resolve(system.templates, vault.stack, prop(vault.resource, 'EncryptionKeyArn'));
    if (key === undefined) throw new Error('vault without a key of the stack');
    const target = resolve(system.templates, plan.stack, planRules(system.templates)[0]?.['TargetBackupVault']);
    // Assess
    expect(vault.stack).toBe('vanthu-dev-stateful');
    expect(target?.id).toBe(vault.id);
    expect(vault.resource.DeletionPolicy).toBe('Retain');
    expect(key.resource.Type).toBe('AWS::KMS::Key');
    expect(key.resource.DeletionPolicy).toBe('Retain');
    expect(prop(key.resource, 'EnableKeyRotation')).toBe(true);
    expect(key.id).not.toBe(resolve(system.templates, vault.stack, filesBucketKeyArn(system.templates))?.id);
  });

  it('denies every principal the early deletion of a recovery point, or a shorter lifecycle', () => {
    // Act
    const statements = asList(prop(theVault(system.templates).resource, 'AccessPolicy', 'Statement')).filter(isRecord);
    // Assess
    expect(statements).toEqual([{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }]);
  });

  it('selects the table and the file bucket, with a role AWS Backup alone assumes, allowed to back up and restore S3', () => {
    // Prepare
    const [selection, ...others] = resources(system.templates, 'AWS::Backup::BackupSelection');
    if (selection === undefined) throw new Error('no backup selection');
    // Act
    const selected = asList(prop(selection.resource, 'BackupSelection', 'Resources')).map((value) => resolve(system.templates, selection.stack, value));
    const role = resolve(system.templates, selection.stack, prop(selection.resource, 'BackupSelection', 'IamRoleArn'));
    if (role === undefined) throw new Error('no backup role');
    const policies = asList(prop(role.resource, 'ManagedPolicyArns')).map(managedPolicyName);
    // Assess
    expect(others).toEqual([]);
    expect(selected.map((target) => [target?.resource.Type, target?.attribute])).toEqual([
      ['AWS::DynamoDB::Table', 'Arn'],
      ['AWS::S3::Bucket', 'Arn'],
    ]);
    expect(selected[1]?.id).toBe(filesBucket(system.templates).id);
    expect(prop(role.resource, 'AssumeRolePolicyDocument', 'Statement')).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } }]);
    expect(policies.sort()).toEqual(['service-role/AWSBackupServiceRolePolicyForBackup', 'service-role/AWSBackupServiceRolePolicyForRestores', ...s3BackupPolicies].sort());
  });

  it('copies each recovery point to the configured vault, kept as configured, and only when one is configured', () => {
    // Act
    const [rule] = planRules(configured.templates);
    const [ruleKeptAsLong] = planRules(copiedAsLong.templates);
    // Assess
    expect(rule?.['CopyActions']).toEqual([{ DestinationBackupVaultArn: copyVaultArn, Lifecycle: { DeleteAfterDays: 365 } }]);
    expect(ruleKeptAsLong?.['CopyActions']).toEqual([{ DestinationBackupVaultArn: copyVaultArn, Lifecycle: { DeleteAfterDays: 35 } }]);
    expect(planRules(system.templates)[0]?.['CopyActions']).toBeUndefined();
  });
});

describe('Object Lock on the file bucket', () => {
  it('is enabled with no default retention: the application locks issued originals one by one', () => {
    // Act
    const files = filesBucket(system.templates);
    // Assess
    expect(prop(files.resource, 'ObjectLockEnabled')).toBe(true);
    expect(prop(files.resource, 'ObjectLockConfiguration')).toBeUndefined();
    expect(prop(files.resource, 'VersioningConfiguration', 'Status')).toBe('Enabled');
  });

  it('leaves the server access logs on, delivered to a bucket without Object Lock (S3 delivers none to a locked one)', () => {
    // Prepare
    const files = filesBucket(system.templates);
    // Act
    const logs = resolve(system.templates, files.stack, prop(files.resource, 'LoggingConfiguration', 'DestinationBucketName'));
    // Assess
    if (logs === undefined) throw new Error('no access-log bucket');
    expect(logs.resource.Type).toBe('AWS::S3::Bucket');
    expect(prop(logs.resource, 'ObjectLockEnabled')).toBeUndefined();
  });

  it('expires nothing but exports and prepared signatures, so no lifecycle rule reaches an issued original', () => {
    // Act
    const rules = asList(prop(filesBucket(system.templates).resource, 'LifecycleConfiguration', 'Rules')).filter(isRecord);
    const expiring = rules.filter((rule) => rule['ExpirationInDays'] !== undefined || rule['NoncurrentVersionExpiration'] !== undefined);
    // Assess
    expect(expiring.map((rule) => rule['Prefix']).sort()).toEqual([bucket.exportPrefix, bucket.signingPrefix].sort());
    expect(expiring.map((rule) => rule['Prefix'])).not.toContain(bucket.uploadPrefix);
  });
});

/** The rules of the one backup plan. */
function planRules(templates: Templates): Record<string, unknown>[] {
  const plans = resources(templates, 'AWS::Backup::BackupPlan');
  const [plan] = plans;
  if (plan === undefined || plans.length !== 1) throw new Error(`expected one backup plan, found ${plans.length}`);
  return asList(prop(plan.resource, 'BackupPlan', 'BackupPlanRule')).filter(isRecord);
}

function theVault(templates: Templates): Located {
  const vaults = resources(templates, 'AWS::Backup::BackupVault');
  const [vault] = vaults;
  if (vault === undefined || vaults.length !== 1) throw new Error(`expected one backup vault, found ${vaults.length}`);
  return vault;
}

/** The file bucket: the stateful stack's bucket whose server access logs are delivered elsewhere. */
function filesBucket(templates: Templates): Located {
  const found = resources(templates, 'AWS::S3::Bucket').find((at) => at.stack.endsWith('-stateful') && prop(at.resource, 'LoggingConfiguration') !== undefined);
  if (found === undefined) throw new Error('no file bucket');
  return found;
}

/** `service-role/AWSBackupServiceRolePolicyForBackup` of `arn:${Partition}:iam::aws:policy/service-role/…`. */
function managedPolicyName(arn: unknown): string {
  const join = isRecord(arn) ? arn['Fn::Join'] : undefined;
  const parts = Array.isArray(join) ? asList(join[1]) : [arn];
  return parts
    .filter((part) => typeof part === 'string')
    .join('')
    .replace(/^.*:policy\//, '');
}

function filesBucketKeyArn(templates: Templates): unknown {
  const [rule] = asList(prop(filesBucket(templates).resource, 'BucketEncryption', 'ServerSideEncryptionConfiguration'));
  return isRecord(rule) && isRecord(rule['ServerSideEncryptionByDefault']) ? rule['ServerSideEncryptionByDefault']['KMSMasterKeyID'] : undefined;
}
