import { where, type Rule } from './rules-messaging.ts';
import { asList, isRecord, prop, references, resolve, resources, sameResource, type Located, type Templates } from './template.ts';

/**
 * Actions that AWS only authorizes on `Resource: "*"`: X-Ray has no resource-level permissions, and
 * Lambda's active tracing needs these two (CDK adds them when `tracing` is on). Nothing else may use `*`.
 */
const resourceWildcardAllowed = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

/** Services holding the system's data, where not even a partial wildcard (`kms:GenerateDataKey*`) is accepted. */
const dataServices = new Set(['dynamodb', 's3', 'sqs', 'kms']);

/** An Allow statement of an identity policy (what a role may do) and where it is. */
interface Grant {
  readonly at: Located;
  readonly statement: Record<string, unknown>;
}

/**
 * No identity policy grants `*` or `service:*` actions, `*` resources (but the X-Ray exception), or uses
 * NotAction/NotResource; on DynamoDB, S3, SQS and KMS no action or resource carries a wildcard unless the
 * resource is anchored on a concrete resource of the stacks (`<table arn>/index/*`, `<bucket arn>/*`).
 * Resource policies (key, bucket, queue, topic policies) are out of scope: a key policy's `Resource: "*"`
 * means "this key", and their Deny-insecure-transport statements name `*` principals on purpose.
 */
export const wildcardGrant: Rule = (templates) =>
  identityGrants(templates).flatMap(({ at, statement }) => {
    const found: string[] = [];
    if ('NotAction' in statement || 'NotResource' in statement) found.push('NotAction/NotResource in an Allow');
    const actions = asList(statement['Action']).map(String);
    const resourceList = asList(statement['Resource']);
    for (const action of actions) {
      if (action === '*' || action.endsWith(':*')) found.push(`grants all actions: ${action}`);
      else if (dataServices.has(service(action)) && action.includes('*')) found.push(`wildcard action ${action}`);
    }
    if (resourceList.includes('*') && !actions.every((action) => resourceWildcardAllowed.has(action))) {
      found.push(`Resource "*" for ${actions.join(', ')}`);
    }
    if (actions.some((action) => dataServices.has(service(action)))) {
      for (const resource of resourceList) {
        if (!anchored(templates, at.stack, resource)) found.push(`unanchored wildcard resource ${JSON.stringify(resource)}`);
      }
    }
    return found.map((message) => `${where(at)}: ${message}`);
  });

/**
 * Tables, buckets, queues and topics are encrypted; tables and buckets with a customer-managed key, but the
 * target of server access logs, which S3 accepts only with S3-managed keys (AES256); keys rotate.
 */
export const unencrypted: Rule = (templates) => [
  ...resources(templates, 'AWS::DynamoDB::Table')
    .filter(
      (table) =>
        prop(table.resource, 'SSESpecification', 'SSEEnabled') !== true ||
        prop(table.resource, 'SSESpecification', 'SSEType') !== 'KMS' ||
        !isKey(templates, table, prop(table.resource, 'SSESpecification', 'KMSMasterKeyId')),
    )
    .map((table) => `${where(table)}: table not encrypted with a customer-managed KMS key`),
  ...resources(templates, 'AWS::S3::Bucket')
    .filter((bucket) => !logTargets(templates).some((target) => sameResource(target, bucket)))
    .filter(
      (bucket) => !everyEncryptionRule(bucket, (byDefault) => String(byDefault['SSEAlgorithm']).startsWith('aws:kms') && isKey(templates, bucket, byDefault['KMSMasterKeyID'])),
    )
    .map((bucket) => `${where(bucket)}: bucket not encrypted with a customer-managed KMS key`),
  ...logTargets(templates)
    .filter((bucket) => !everyEncryptionRule(bucket, (byDefault) => byDefault['SSEAlgorithm'] === 'AES256'))
    .map((bucket) => `${where(bucket)}: access-log bucket not encrypted with S3-managed keys`),
  ...resources(templates, 'AWS::SQS::Queue')
    .filter((queue) => prop(queue.resource, 'KmsMasterKeyId') === undefined && prop(queue.resource, 'SqsManagedSseEnabled') !== true)
    .map((queue) => `${where(queue)}: queue not encrypted`),
  ...resources(templates, 'AWS::SNS::Topic')
    .filter((topic) => prop(topic.resource, 'KmsMasterKeyId') === undefined)
    .map((topic) => `${where(topic)}: topic not encrypted`),
  ...resources(templates, 'AWS::KMS::Key')
    .filter((key) => prop(key.resource, 'EnableKeyRotation') !== true)
    .map((key) => `${where(key)}: key rotation off`),
];

/**
 * Buckets are versioned, block all public access, deny requests without TLS, and are retained; every bucket
 * but an access-log target has its server access logs delivered to a bucket of these stacks.
 */
export const bucketNotHardened: Rule = (templates) =>
  resources(templates, 'AWS::S3::Bucket').flatMap((bucket) => {
    const found: string[] = [];
    const logsTo = resolve(templates, bucket.stack, prop(bucket.resource, 'LoggingConfiguration', 'DestinationBucketName'));
    const isLogTarget = logTargets(templates).some((target) => sameResource(target, bucket));
    if (!isLogTarget && logsTo?.resource.Type !== 'AWS::S3::Bucket') found.push('no server access logs');
    if (prop(bucket.resource, 'VersioningConfiguration', 'Status') !== 'Enabled') found.push('not versioned');
    const block = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
    if (!block.every((flag) => prop(bucket.resource, 'PublicAccessBlockConfiguration', flag) === true)) found.push('public access not blocked');
    if (!deniesInsecureTransport(templates, bucket)) found.push('no TLS-only bucket policy');
    if (bucket.resource.DeletionPolicy !== 'Retain') found.push('not retained on stack deletion');
    return found.map((message) => `${where(bucket)}: ${message}`);
  });

/** Tables have point-in-time recovery and are retained. */
export const tableNotRecoverable: Rule = (templates) =>
  resources(templates, 'AWS::DynamoDB::Table').flatMap((table) => [
    ...(prop(table.resource, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled') === true ? [] : [`${where(table)}: no point-in-time recovery`]),
    ...(table.resource.DeletionPolicy === 'Retain' ? [] : [`${where(table)}: not retained on stack deletion`]),
  ]);

function identityGrants(templates: Templates): Grant[] {
  const documents = [
    ...resources(templates, 'AWS::IAM::Policy').map((at) => ({ at, document: prop(at.resource, 'PolicyDocument') })),
    ...resources(templates, 'AWS::IAM::ManagedPolicy').map((at) => ({ at, document: prop(at.resource, 'PolicyDocument') })),
    ...resources(templates, 'AWS::IAM::Role').flatMap((at) =>
      asList(prop(at.resource, 'Policies')).map((policy) => ({ at, document: isRecord(policy) ? policy['PolicyDocument'] : undefined })),
    ),
  ];
  return documents.flatMap(({ at, document }) =>
    asList(isRecord(document) ? document['Statement'] : undefined)
      .filter(isRecord)
      .filter((statement) => statement['Effect'] === 'Allow')
      .map((statement) => ({ at, statement })),
  );
}

function service(action: string): string {
  return action.split(':')[0] ?? '';
}

/** A resource without `*`, or with `*` only after a reference to a concrete resource of the stacks. */
function anchored(templates: Templates, stack: string, resource: unknown): boolean {
  if (typeof resource === 'string') return !resource.includes('*');
  if (resolve(templates, stack, resource) !== undefined) return true;
  const join = isRecord(resource) ? resource['Fn::Join'] : undefined;
  if (!Array.isArray(join) || !Array.isArray(join[1])) return false;
  const rendered = join[1].map((part: unknown) => (typeof part === 'string' ? part : resolve(templates, stack, part) !== undefined ? '{resource}' : '{pseudo}')).join('');
  const wildcard = rendered.indexOf('*');
  return wildcard === -1 || rendered.slice(0, wildcard).includes('{resource}');
}

/** Buckets that receive another bucket's server access logs. */
function logTargets(templates: Templates): Located[] {
  return resources(templates, 'AWS::S3::Bucket').flatMap((bucket) => {
    const target = resolve(templates, bucket.stack, prop(bucket.resource, 'LoggingConfiguration', 'DestinationBucketName'));
    return target === undefined ? [] : [target];
  });
}

/** True when a bucket has default-encryption rules and each satisfies the check. */
function everyEncryptionRule(bucket: Located, check: (byDefault: Record<string, unknown>) => boolean): boolean {
  const rules = asList(prop(bucket.resource, 'BucketEncryption', 'ServerSideEncryptionConfiguration'));
  return (
    rules.length > 0 &&
    rules.every((rule) => {
      const byDefault = isRecord(rule) ? rule['ServerSideEncryptionByDefault'] : undefined;
      return isRecord(byDefault) && check(byDefault);
    })
  );
}

function isKey(templates: Templates, at: Located, value: unknown): boolean {
  return resolve(templates, at.stack, value)?.resource.Type === 'AWS::KMS::Key';
}

function deniesInsecureTransport(templates: Templates, bucket: Located): boolean {
  return resources(templates, 'AWS::S3::BucketPolicy')
    .filter((policy) => sameResource(resolve(templates, policy.stack, prop(policy.resource, 'Bucket')), bucket))
    .some((policy) =>
      asList(prop(policy.resource, 'PolicyDocument', 'Statement'))
        .filter(isRecord)
        .some((statement) => {
          const condition = statement['Condition'];
          const secure = isRecord(condition) && isRecord(condition['Bool']) ? condition['Bool']['aws:SecureTransport'] : undefined;
          const coversBucket = references(templates, policy.stack, statement['Resource']).some((target) => sameResource(target, bucket));
          return statement['Effect'] === 'Deny' && (secure === 'false' || secure === false) && coversBucket;
        }),
    );
}
