import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { bucket, env, type DataAccess } from '#infra/definitions';
import type { DocumentTable, FileBucket } from './data.ts';
import type { VanthuFunction } from './function.ts';
import { bindSigning, type SigningResources } from './signing.ts';
import type { MessageQueue, MessageQueues } from './queues.ts';

/** How much of a table or bucket a function may touch. */
export type AccessMode = 'read' | 'readwrite';

/**
 * Item actions only. Transactions need no action of their own: TransactWriteItems is authorized by the
 * PutItem/UpdateItem/DeleteItem/ConditionCheckItem of each of its items, TransactGetItems by GetItem.
 * No Scan: request paths query keys and indexes (docs/DATA.md).
 */
const tableActions: Record<AccessMode, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/**
 * No DeleteObject: the versioned bucket is the evidence store, files are superseded, never removed.
 * s3:PutObject covers the steps of a multipart upload (stream-upload.ts); aborting one is its own action,
 * and removes only the parts of an upload that never became an object.
 */
const bucketActions: Record<AccessMode, readonly string[]> = {
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  readwrite: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:AbortMultipartUpload'],
};

const tableKeyActions: Record<AccessMode, readonly string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readwrite: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

const bucketKeyActions: Record<AccessMode, readonly string[]> = {
  read: ['kms:Decrypt'],
  readwrite: ['kms:Decrypt', 'kms:GenerateDataKey'],
};

/** How long issued originals are kept under Object Lock (the stage's `issuedRetentionYears`). */
export interface OriginalsRetention {
  readonly years: number;
}

/** The stateful resources a function can be bound to. */
export interface BindableResources {
  readonly table: DocumentTable;
  readonly files: FileBucket;
  readonly queues: MessageQueues;
  /** The key that encrypts webhook secrets (application-level encryption, with an encryption context). */
  readonly secretsKey: kms.IKey;
  /** The stage's signing parameters and seal keys. */
  readonly signing: SigningResources;
}

/**
 * Binds a function to everything its definition's `access` names: environment variables and grants.
 *
 * @example
 * bindAccess(fn, { table: 'readwrite', sendsTo: ['axisOutbox'] }, resources);
 */
export function bindAccess(fn: VanthuFunction, access: DataAccess, resources: BindableResources, mail?: MailSender, originals?: OriginalsRetention): void {
  if (access.table !== undefined) bindTable(fn, resources.table, access.table);
  if (access.bucket !== undefined) bindBucket(fn, resources.files, access.bucket);
  if (access.retainsOriginals === true && originals !== undefined) {
    // Lengthening a retention needs only PutObjectRetention; shortening one would also need BypassGovernanceRetention, never granted.
    fn.addEnvironment(env.issuedRetentionYears, String(originals.years));
    fn.allow(
      new iam.PolicyStatement({ actions: ['s3:PutObjectRetention', 's3:GetObjectRetention'], resources: [resources.files.bucket.arnForObjects(`${bucket.uploadPrefix}*`)] }),
    );
  }
  if (access.destroysSecretContent === true) {
    fn.allow(new iam.PolicyStatement({ actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], resources: [resources.files.bucket.arnForObjects(`${bucket.uploadPrefix}*`)] }));
  }
  for (const name of access.sendsTo ?? []) bindQueueSender(fn, resources.queues.get(name), resources.queues.key);
  if (access.secrets !== undefined) bindSecrets(fn, resources.secretsKey, access.secrets);
  if (access.signing !== undefined) bindSigning(fn, resources.signing, access.signing);
  // Without a configured sender the function gets neither: its reminders stay readable in the app only.
  if (access.sendsEmail === true && mail !== undefined) bindMailSender(fn, mail);
}

/** The SES sender of the stage (infra/stacks/config.ts `mailSettings`). */
export interface MailSender {
  /** The From address (VANTHU_MAIL_FROM). */
  readonly from: string;
  /** The verified SES identity (domain or address) the From address sends as. */
  readonly identity: string;
}

/**
 * Gives a function the sender address (VANTHU_MAIL_FROM) and `ses:SendEmail` on that one SES identity of
 * the stack's account and region, never on `*`.
 *
 * @example
 * bindMailSender(fn, { from: 'nhacviec@vanthu.hanoi.gov.vn', identity: 'vanthu.hanoi.gov.vn' });
 */
export function bindMailSender(fn: VanthuFunction, mail: MailSender): void {
  fn.addEnvironment('VANTHU_MAIL_FROM', mail.from);
  fn.allow(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [Stack.of(fn).formatArn({ service: 'ses', resource: 'identity', resourceName: mail.identity })] }));
}

/**
 * Gives a function the table's name (TABLE_NAME) and item access to the table and its indexes, plus the
 * table key, usable only through DynamoDB.
 *
 * @example
 * bindTable(fn, documents, 'readwrite');
 */
export function bindTable(fn: VanthuFunction, documents: DocumentTable, mode: AccessMode): void {
  fn.addEnvironment(env.tableName, documents.table.tableName);
  fn.allow(
    new iam.PolicyStatement({
      actions: [...tableActions[mode]],
      resources: [documents.table.tableArn, `${documents.table.tableArn}/index/*`],
    }),
  );
  fn.allow(keyStatement(fn, documents.key, tableKeyActions[mode], 'dynamodb'));
}

/**
 * Gives a function the bucket's name (BUCKET_NAME) and object access (never bucket-level actions), plus
 * the bucket key, usable only through S3. Presigned URLs act with the signer's rights, so a function that
 * hands out upload URLs needs 'readwrite'.
 *
 * @example
 * bindBucket(fn, files, 'read');
 */
export function bindBucket(fn: VanthuFunction, files: FileBucket, mode: AccessMode): void {
  fn.addEnvironment(env.bucketName, files.bucket.bucketName);
  fn.allow(new iam.PolicyStatement({ actions: [...bucketActions[mode]], resources: [files.bucket.arnForObjects('*')] }));
  fn.allow(keyStatement(fn, files.key, bucketKeyActions[mode], 's3'));
}

/**
 * Gives a function a queue's URL (QUEUE_URL_<NAME>) and the right to send to it, plus the queue key,
 * usable only through SQS.
 *
 * @example
 * bindQueueSender(fn, queues.get('axisOutbox'), queues.key);
 */
export function bindQueueSender(fn: VanthuFunction, target: MessageQueue, key: kms.IKey): void {
  fn.addEnvironment(env.queueUrl(target.definition.name), target.queue.queueUrl);
  fn.allow(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [target.queue.queueArn] }));
  fn.allow(keyStatement(fn, key, ['kms:GenerateDataKey', 'kms:Decrypt'], 'sqs'));
}

/**
 * Gives a function the webhook secrets key (WEBHOOK_KMS_KEY_ID) and one use of it, Encrypt or Decrypt,
 * only with the encryption context the application always sets ({organId, keyId}), so the grant cannot be
 * used to decrypt anything else under that key.
 *
 * @example
 * bindSecrets(fn, resources.secretsKey, 'decrypt');
 */
export function bindSecrets(fn: VanthuFunction, key: kms.IKey, use: 'encrypt' | 'decrypt'): void {
  fn.addEnvironment(env.webhookSecretsKey, key.keyArn);
  fn.allow(
    new iam.PolicyStatement({
      actions: [use === 'encrypt' ? 'kms:Encrypt' : 'kms:Decrypt'],
      resources: [key.keyArn],
      conditions: {
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['organId', 'keyId'] },
        Null: { 'kms:EncryptionContext:organId': 'false', 'kms:EncryptionContext:keyId': 'false' },
      },
    }),
  );
}

/**
 * Gives a function the HMAC key of page tokens (VANTHU_PAGE_TOKEN_KEY, layers/adapters/dynamo/page-token.ts):
 * a dynamic reference that CloudFormation resolves from the secret at deploy time, so the value is in no
 * template and the function needs no Secrets Manager grant. Every function that reads the table pages.
 *
 * @example
 * bindPageTokenKey(fn, pageTokenKey);
 */
export function bindPageTokenKey(fn: VanthuFunction, key: secretsmanager.ISecret): void {
  fn.addEnvironment(env.pageTokenKey, key.secretValue.unsafeUnwrap());
}

/** Key use restricted to calls the named service makes on the function's behalf (kms:ViaService). */
function keyStatement(fn: VanthuFunction, key: kms.IKey, actions: readonly string[], service: 'dynamodb' | 's3' | 'sqs'): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [...actions],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(fn).region}.amazonaws.com` } },
  });
}
