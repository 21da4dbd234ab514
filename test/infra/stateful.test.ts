import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bucket, queues, table, visibilityTimeoutSeconds } from '#infra/definitions';
import { queueNameOf, queueNamed } from './lookup.ts';
import { synthesizeSystem } from './synth.ts';
import { asList, isRecord, prop, resolve, resources, type Templates } from './template.ts';

// Prepare (shared): the default stage, and a stage with an external issuer and a real portal origin.
const system = synthesizeSystem();
const external = synthesizeSystem({
  context: {
    stage: 'prod',
    jwtIssuer: 'https://login.example.vn/realms/hanoi',
    jwtAudience: 'vanthu-portal, vanthu-mobile',
    portalOrigins: 'https://vanthu.hanoi.example.vn',
  },
});

describe('the table', () => {
  it('has the keys and indexes of the definitions, on demand, with TTL, kept on deletion', () => {
    // Assess
    system.stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    system.stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
        GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    });
  });
});

describe('the bucket', () => {
  it('allows presigned uploads and API calls from the configured portal origin only', () => {
    // Assess
    external.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://vanthu.hanoi.example.vn'] }),
    });
    external.stateful.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedOrigins: ['https://vanthu.hanoi.example.vn'], AllowedMethods: Match.arrayWith(['PUT']) })],
      },
    });
  });

  it('expires generated exports (printed registers) after a day, and only them', () => {
    // Assess
    system.stateful.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: bucket.exportPrefix, ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' })]),
      },
    });
    expect(bucket.exportPrefix).not.toBe(bucket.uploadPrefix);
  });

  it('sends object-created events under files/ to the fileUploaded queue', () => {
    // Prepare
    const [notifications] = resources(system.templates, 'Custom::S3BucketNotifications');
    if (notifications === undefined) throw new Error('no bucket notifications');
    // Act
    const configurations = asList(prop(notifications.resource, 'NotificationConfiguration', 'QueueConfigurations'));
    // Assess
    expect(configurations).toHaveLength(1);
    expect(configurations[0]).toMatchObject({
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'files/' }] } },
    });
    expect(queueNameOf(system.templates, notifications, (configurations[0] as { QueueArn: unknown }).QueueArn)).toBe('fileUploaded');
  });

  it('lets S3 use the queue and its key only for events of this bucket (no confused deputy)', () => {
    // Act
    const s3Statements = resourcePolicyStatements(system.templates).filter((statement) => JSON.stringify(statement['Principal']).includes('s3.amazonaws.com'));
    // Assess
    expect(s3Statements.length).toBeGreaterThanOrEqual(2); // the queue policy and the key policy
    for (const statement of s3Statements) expect(JSON.stringify(statement['Condition'])).toContain('aws:SourceArn');
  });
});

describe('the access logs of the bucket', () => {
  it('go to a bucket of their own, kept a year, written by S3 logging for the file bucket of this account only', () => {
    // Prepare
    // The stateful stack's: the portal's bucket and its logs are the stateless stack's (test/infra/portal.test.ts).
    const buckets = resources(system.templates, 'AWS::S3::Bucket').filter((at) => at.stack.endsWith('-stateful'));
    const files = buckets.find((at) => prop(at.resource, 'LoggingConfiguration') !== undefined);
    const logs = files === undefined ? undefined : resolve(system.templates, files.stack, prop(files.resource, 'LoggingConfiguration', 'DestinationBucketName'));
    if (files === undefined || logs === undefined) throw new Error('no bucket with server access logs');
    // Act
    const delivery = resources(system.templates, 'AWS::S3::BucketPolicy')
      .filter((policy) => resolve(system.templates, policy.stack, prop(policy.resource, 'Bucket'))?.id === logs.id)
      .flatMap((policy) => asList(prop(policy.resource, 'PolicyDocument', 'Statement')).filter(isRecord))
      .filter((statement) => statement['Effect'] === 'Allow');
    // Assess
    expect(buckets).toHaveLength(2);
    expect(prop(logs.resource, 'LifecycleConfiguration', 'Rules')).toEqual([expect.objectContaining({ ExpirationInDays: 365, Status: 'Enabled' })]);
    expect(delivery).toHaveLength(1);
    expect(delivery[0]).toMatchObject({ Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } });
    const condition = isRecord(delivery[0]?.['Condition']) ? delivery[0]['Condition'] : {};
    expect(resolve(system.templates, logs.stack, isRecord(condition['ArnLike']) ? condition['ArnLike']['aws:SourceArn'] : undefined)?.id).toBe(files.id);
    expect(condition['StringEquals']).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  });
});

describe('the queues', () => {
  it('are exactly the queues of the definitions, each with its dead-letter queue', () => {
    // Assess
    expect(resources(system.templates, 'AWS::SQS::Queue')).toHaveLength(2 * queues.length);
  });

  it.each(queues.map((definition) => [definition.name, definition] as const))('%s: FIFO, retries and visibility from the definition', (name, definition) => {
    // Act
    const { queue, deadLetter } = queueNamed(system.templates, name);
    // Assess
    expect(prop(queue.resource, 'FifoQueue')).toBe(definition.fifo ? true : undefined);
    expect(prop(deadLetter.resource, 'FifoQueue')).toBe(definition.fifo ? true : undefined);
    if (definition.fifo) expect(prop(queue.resource, 'ContentBasedDeduplication')).toBe(false);
    expect(prop(queue.resource, 'RedrivePolicy', 'maxReceiveCount')).toBe(definition.maxReceiveCount);
    expect(resolve(system.templates, queue.stack, prop(queue.resource, 'RedrivePolicy', 'deadLetterTargetArn'))?.id).toBe(deadLetter.id);
    expect(prop(queue.resource, 'VisibilityTimeout')).toBe(visibilityTimeoutSeconds(name));
    expect(resolve(system.templates, queue.stack, prop(queue.resource, 'KmsMasterKeyId'))?.resource.Type).toBe('AWS::KMS::Key');
  });
});

describe('the issuer the API trusts', () => {
  it('is a Cognito user pool of the stateful stack when none is configured', () => {
    // Prepare
    const [authorizer] = resources(system.templates, 'AWS::ApiGatewayV2::Authorizer');
    if (authorizer === undefined) throw new Error('no authorizer');
    // Act
    const issuer = resolve(system.templates, authorizer.stack, prop(authorizer.resource, 'JwtConfiguration', 'Issuer'));
    const audience = asList(prop(authorizer.resource, 'JwtConfiguration', 'Audience')).map((value) => resolve(system.templates, authorizer.stack, value));
    // Assess
    expect(issuer?.resource.Type).toBe('AWS::Cognito::UserPool');
    expect(issuer?.attribute).toBe('ProviderURL');
    expect(audience.map((target) => target?.resource.Type)).toEqual(['AWS::Cognito::UserPoolClient']);
    system.stateful.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });

  it('puts the organId and roles claims the handlers read into the user pool ID tokens', async () => {
    // Prepare: the pool's pre-token-generation trigger, run as Lambda would run its inline code
    const [pool] = resources(system.templates, 'AWS::Cognito::UserPool');
    if (pool === undefined) throw new Error('no user pool');
    const trigger = resolve(system.templates, pool.stack, prop(pool.resource, 'LambdaConfig', 'PreTokenGeneration'));
    const source = trigger === undefined ? undefined : prop(trigger.resource, 'Code', 'ZipFile');
    if (typeof source !== 'string') throw new Error('no inline trigger code');
    const module: { handler?: (event: unknown) => Promise<{ response: unknown }> } = {};
    new Function('exports', source)(module);
    const event = { request: { userAttributes: { 'custom:organId': '000.00.12.H26' }, groupConfiguration: { groupsToOverride: ['clerk', 'leader'] } } };
    // Act
    const result = await module.handler?.(event);
    // Assess
    expect(result?.response).toEqual({ claimsOverrideDetails: { claimsToAddOrOverride: { organId: '000.00.12.H26', roles: 'clerk leader' } } });
  });

  it('is the configured issuer and audience, with no user pool, when one is configured', () => {
    // Assess
    external.stateful.resourceCountIs('AWS::Cognito::UserPool', 0);
    external.stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://login.example.vn/realms/hanoi', Audience: ['vanthu-portal', 'vanthu-mobile'] },
    });
    const topLevel = [...external.templates].filter(([, template]) => template.nestedIn === undefined).map(([name]) => name);
    expect(topLevel).toEqual(['vanthu-prod-stateful', 'vanthu-prod-stateless']);
  });
});

/** Statements of key, queue and bucket policies. */
function resourcePolicyStatements(templates: Templates): Record<string, unknown>[] {
  const documents = [
    ...resources(templates, 'AWS::KMS::Key').map((at) => prop(at.resource, 'KeyPolicy')),
    ...resources(templates, 'AWS::SQS::QueuePolicy').map((at) => prop(at.resource, 'PolicyDocument')),
    ...resources(templates, 'AWS::S3::BucketPolicy').map((at) => prop(at.resource, 'PolicyDocument')),
  ];
  return documents.flatMap((document) => asList(isRecord(document) ? document['Statement'] : undefined).filter(isRecord));
}
