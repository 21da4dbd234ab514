import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucket } from '../definitions.ts';
import type { TableDefinition } from '../stacks/system.ts';
import { encryptionKey } from './keys.ts';

/**
 * The one DynamoDB table (single-table design): generic `pk`/`sk` keys and the numbered GSIs of the
 * definitions, on-demand, point-in-time recovery, encrypted under its own customer-managed key, retained.
 *
 * @example
 * const documents = new DocumentTable(this, 'Documents', { definition: systemDefinitions.table });
 */
export class DocumentTable extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: { readonly definition: TableDefinition }) {
    super(scope, id);
    const { definition } = props;
    this.key = encryptionKey(this, 'Key', 'vanthu document table');
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of definition.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}

export interface FileBucketProps {
  /** Browser origins allowed to PUT/GET through presigned URLs. */
  readonly corsOrigins: readonly string[];
  /** Lifetime of a presigned upload URL: the browser's CORS preflight cache needs no more. */
  readonly uploadUrlSeconds: number;
}

/**
 * What every bucket of the system holding its files is: versioned, encrypted with its own KMS key (bucket
 * keys on), TLS 1.2 only, never public, owned by the account, kept when the stack goes, its requests logged.
 */
export function privateBucketProps(key: kms.IKey, accessLogs: s3.IBucket): s3.BucketProps {
  return {
    versioned: true,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    serverAccessLogsBucket: accessLogs,
  };
}

/**
 * The one bucket: document files, raw edXML packages, exported registers. Versioned (the table keeps
 * the version id of every file as evidence), KMS-encrypted with an S3 bucket key, TLS only, no public
 * access, bucket-owner-enforced ownership, retained. Its server access logs go to a bucket of their own:
 * presigned URLs let browsers read and write objects without a function in between, so these logs are the
 * only record of which object was fetched or stored, when and from where.
 *
 * S3 Object Lock is enabled with no default retention: the application locks each issued original itself
 * (`PutObjectRetention`, GOVERNANCE mode, `issuedRetentionYears`), while uploads stay destroyable (a document
 * that becomes secret) and exports expire. The lifecycle rules touch exports, prepared signatures and
 * incomplete uploads only, none of them locked; were a rule to reach a locked version, S3 would not expire it
 * before its retention ends, which is the point. Object Lock can only be enabled when CloudFormation creates
 * the bucket: on a bucket created without it, CloudFormation replaces the bucket (docs/DEPLOY.md, Backups and
 * retention). The logs bucket is not locked: S3 delivers no server access logs to a bucket with Object Lock.
 *
 * @example
 * const files = new FileBucket(this, 'Files', { corsOrigins: ['https://portal.example.vn'], uploadUrlSeconds: 900 });
 */
export class FileBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;
  /** Where S3 delivers the bucket's server access logs. */
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: FileBucketProps) {
    super(scope, id);
    this.key = encryptionKey(this, 'Key', 'vanthu file bucket');
    this.accessLogs = accessLogBucket(this, 'AccessLogs');
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucketProps(this.key, this.accessLogs),
      // No objectLockDefaultRetention: a default would lock uploads and exports too.
      objectLockEnabled: true,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'expire-exports', prefix: bucket.exportPrefix, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
        { id: 'expire-prepared-signatures', prefix: bucket.signingPrefix, expiration: Duration.days(2), noncurrentVersionExpiration: Duration.days(1) },
      ],
      cors: [
        {
          allowedOrigins: [...props.corsOrigins],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          // Presigned uploads carry content-type, checksum and x-amz-* headers chosen by the SDK.
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: props.uploadUrlSeconds,
        },
      ],
    });
  }
}

/**
 * Server access logs are kept a year, longer than the three months of API and function logs: who fetched a
 * document's file is asked late. A deleted or expired log stays a month as a noncurrent version.
 */
const accessLogDays = 365;
const deletedLogDays = 30;

/**
 * A bucket for S3 server access logs. S3 delivers them only to a bucket encrypted with S3-managed keys
 * (SSE-S3), never SSE-KMS; otherwise held like the data: versioned, TLS only, no public access, retained.
 * S3 writes to it under a bucket policy CDK adds for the logging service, for the bucket it serves (of this account)
 * only (`aws:SourceArn`, `aws:SourceAccount`), not through ACLs (cdk.json's
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy`, required by bucket-owner-enforced ownership).
 */
export function accessLogBucket(scope: Construct, id: string): s3.Bucket {
  return new s3.Bucket(scope, id, {
    versioned: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(accessLogDays), noncurrentVersionExpiration: Duration.days(deletedLogDays) }],
  });
}
