import { describe, expect, it } from 'vitest';
import { fixtureDefinitions } from './fixture.ts';
import { logsWithoutRetention, roleTooBroad, sharedRole, systemFunctions, wrongRuntime } from './rules-functions.ts';
import {
  consumerWithoutPartialFailures,
  deadLetterQueues,
  deadLetterWithoutAlarm,
  queueWithoutDeadLetter,
  unresolvedEventSource,
  visibilityTooShort,
  type Rule,
} from './rules-messaging.ts';
import { bucketNotHardened, tableNotRecoverable, unencrypted, wildcardGrant } from './rules-security.ts';
import { cloneTemplates, synthesizeSystem } from './synth.ts';
import { prop, resolve, resources, type CfnResource, type Located, type Templates } from './template.ts';

const rules: Record<string, Rule> = {
  queueWithoutDeadLetter,
  deadLetterWithoutAlarm,
  visibilityTooShort,
  consumerWithoutPartialFailures,
  unresolvedEventSource,
  sharedRole,
  roleTooBroad,
  wildcardGrant,
  unencrypted,
  bucketNotHardened,
  tableNotRecoverable,
  wrongRuntime,
  logsWithoutRetention,
};

// Prepare (shared): the app as definitions.ts describes it, and with the fixture's consumers and schedule.
const system = synthesizeSystem();
const fixture = synthesizeSystem({ definitions: fixtureDefinitions });

describe('security and reliability rules over every resource of every template, nested stacks included', () => {
  it.each(Object.entries(rules))('%s: the app as defined passes', (_name, rule) => {
    // Act
    const violations = rule(system.templates);
    // Assess
    expect(violations).toEqual([]);
  });

  it.each(Object.entries(rules))('%s: the app with queue consumers and a schedule passes', (_name, rule) => {
    // Act
    const violations = rule(fixture.templates);
    // Assess
    expect(violations).toEqual([]);
  });

  it('the fixture really has what the messaging rules check', () => {
    // Assess: otherwise the rules above would pass on nothing
    const consumers = fixtureDefinitions.functions.filter((fn) => fn.trigger.kind === 'queue' && fn.localOnly !== true);
    expect(consumers.length).toBeGreaterThanOrEqual(2);
    expect(resources(fixture.templates, 'AWS::Lambda::EventSourceMapping')).toHaveLength(consumers.length);
    expect(deadLetterQueues(fixture.templates).length).toBe(fixtureDefinitions.queues.length);
  });
});

type Mutation = readonly [name: string, rule: Rule, base: Templates, mutate: (templates: Templates) => void];

/** Each rule must catch the defect it exists for: one deliberate defect per case, in a copy of the templates. */
const mutations: readonly Mutation[] = [
  ['a queue without a dead-letter queue', queueWithoutDeadLetter, system.templates, (t) => delete props(firstQueueWithRedrive(t))['RedrivePolicy']],
  ['a dead-letter queue without an alarm', deadLetterWithoutAlarm, system.templates, (t) => removeAll(t, 'AWS::CloudWatch::Alarm')],
  [
    'a visibility timeout shorter than 6 × the consumer timeout',
    visibilityTooShort,
    fixture.templates,
    (t) => {
      props(consumedQueue(t))['VisibilityTimeout'] = 60;
    },
  ],
  [
    'an event source without partial batch failures',
    consumerWithoutPartialFailures,
    fixture.templates,
    (t) => {
      delete props(first(t, 'AWS::Lambda::EventSourceMapping'))['FunctionResponseTypes'];
    },
  ],
  [
    'an event source outside the stacks',
    unresolvedEventSource,
    fixture.templates,
    (t) => {
      props(first(t, 'AWS::Lambda::EventSourceMapping'))['EventSourceArn'] = 'arn:aws:sqs:ap-southeast-1:111122223333:elsewhere';
    },
  ],
  [
    'two functions sharing a role',
    sharedRole,
    system.templates,
    (t) => {
      // Two functions of one template, so the copied role reference still resolves to a role.
      const functions = systemFunctions(t);
      const a = functions.find((fn) => functions.some((other) => other !== fn && other.stack === fn.stack));
      const b = functions.find((fn) => fn !== a && fn.stack === a?.stack);
      if (a === undefined || b === undefined) throw new Error('need two functions in one stack');
      props(b)['Role'] = props(a)['Role'];
    },
  ],
  [
    'a managed policy on a function role',
    roleTooBroad,
    system.templates,
    (t) => {
      props(roleOf(t, firstFunction(t)))['ManagedPolicyArns'] = ['arn:aws:iam::aws:policy/AdministratorAccess'];
    },
  ],
  ['a service-wide action', wildcardGrant, system.templates, (t) => addGrant(t, { Action: 'sqs:*', Resource: 'arn:aws:sqs:ap-southeast-1:111122223333:q' })],
  ['a "*" resource on DynamoDB', wildcardGrant, system.templates, (t) => addGrant(t, { Action: 'dynamodb:GetItem', Resource: '*' })],
  [
    'a partial wildcard action on KMS',
    wildcardGrant,
    system.templates,
    (t) => addGrant(t, { Action: 'kms:GenerateDataKey*', Resource: 'arn:aws:kms:ap-southeast-1:111122223333:key/k' }),
  ],
  ['a wildcard ARN on S3', wildcardGrant, system.templates, (t) => addGrant(t, { Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' })],
  ['NotResource in an Allow', wildcardGrant, system.templates, (t) => addGrant(t, { Action: 'logs:PutLogEvents', NotResource: 'arn:aws:logs:x' })],
  ['a table without SSE', unencrypted, system.templates, (t) => delete props(first(t, 'AWS::DynamoDB::Table'))['SSESpecification']],
  ['a bucket without encryption', unencrypted, system.templates, (t) => delete props(first(t, 'AWS::S3::Bucket'))['BucketEncryption']],
  ['a queue without encryption', unencrypted, system.templates, (t) => delete props(first(t, 'AWS::SQS::Queue'))['KmsMasterKeyId']],
  ['a topic without encryption', unencrypted, system.templates, (t) => delete props(first(t, 'AWS::SNS::Topic'))['KmsMasterKeyId']],
  [
    'a key without rotation',
    unencrypted,
    system.templates,
    (t) => {
      props(first(t, 'AWS::KMS::Key'))['EnableKeyRotation'] = false;
    },
  ],
  [
    'a bucket without versioning',
    bucketNotHardened,
    system.templates,
    (t) => {
      props(first(t, 'AWS::S3::Bucket'))['VersioningConfiguration'] = { Status: 'Suspended' };
    },
  ],
  [
    'a bucket allowing public policies',
    bucketNotHardened,
    system.templates,
    (t) => {
      props(first(t, 'AWS::S3::Bucket'))['PublicAccessBlockConfiguration'] = { BlockPublicAcls: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
    },
  ],
  [
    'a bucket without server access logs',
    bucketNotHardened,
    system.templates,
    (t) => {
      for (const at of resources(t, 'AWS::S3::Bucket')) delete props(at)['LoggingConfiguration'];
    },
  ],
  [
    'an access-log bucket encrypted with a KMS key (S3 would not deliver)',
    unencrypted,
    system.templates,
    (t) => {
      const target = resources(t, 'AWS::S3::Bucket').find((at) => prop(at.resource, 'LoggingConfiguration') === undefined);
      if (target === undefined) throw new Error('no access-log bucket');
      props(target)['BucketEncryption'] = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] };
    },
  ],
  ['a bucket accepting plain HTTP', bucketNotHardened, system.templates, (t) => removeAll(t, 'AWS::S3::BucketPolicy')],
  ['a table without point-in-time recovery', tableNotRecoverable, system.templates, (t) => delete props(first(t, 'AWS::DynamoDB::Table'))['PointInTimeRecoverySpecification']],
  [
    'a function on Node.js 20',
    wrongRuntime,
    system.templates,
    (t) => {
      props(firstFunction(t))['Runtime'] = 'nodejs20.x';
    },
  ],
  [
    'a function log group without retention',
    logsWithoutRetention,
    system.templates,
    (t) => {
      const group = resolve(t, firstFunction(t).stack, prop(firstFunction(t).resource, 'LoggingConfig', 'LogGroup'));
      if (group === undefined) throw new Error('no log group');
      delete props(group)['RetentionInDays'];
    },
  ],
];

describe('each rule catches its defect', () => {
  it.each(mutations)('%s', (_name, rule, base, mutate) => {
    // Prepare
    const templates = cloneTemplates(base);
    mutate(templates);
    // Act
    const violations = rule(templates);
    // Assess
    expect(violations.length).toBeGreaterThan(0);
  });
});

function props(at: Located): Record<string, unknown> {
  const resource = at.resource as CfnResource & { Properties?: Record<string, unknown> };
  if (resource.Properties === undefined) throw new Error(`${at.id} has no properties`);
  return resource.Properties;
}

function first(templates: Templates, type: string): Located {
  const [found] = resources(templates, type);
  if (found === undefined) throw new Error(`no ${type}`);
  return found;
}

function firstFunction(templates: Templates): Located {
  const [found] = systemFunctions(templates);
  if (found === undefined) throw new Error('no function');
  return found;
}

function firstQueueWithRedrive(templates: Templates): Located {
  const found = resources(templates, 'AWS::SQS::Queue').find((queue) => prop(queue.resource, 'RedrivePolicy') !== undefined);
  if (found === undefined) throw new Error('no queue with a redrive policy');
  return found;
}

function consumedQueue(templates: Templates): Located {
  const mapping = first(templates, 'AWS::Lambda::EventSourceMapping');
  const queue = resolve(templates, mapping.stack, prop(mapping.resource, 'EventSourceArn'));
  if (queue === undefined) throw new Error('event source not resolved');
  return queue;
}

function roleOf(templates: Templates, fn: Located): Located {
  const role = resolve(templates, fn.stack, prop(fn.resource, 'Role'));
  if (role === undefined) throw new Error('role not resolved');
  return role;
}

function removeAll(templates: Templates, type: string): void {
  for (const { stack, id } of resources(templates, type)) delete templates.get(stack)?.Resources[id];
}

/** Appends an Allow statement to the first function's policy. */
function addGrant(templates: Templates, statement: Record<string, unknown>): void {
  const fn = firstFunction(templates);
  const policy = resources(templates, 'AWS::IAM::Policy').find((candidate) =>
    JSON.stringify(prop(candidate.resource, 'Roles')).includes(JSON.stringify(prop(fn.resource, 'Role', 'Fn::GetAtt', 0))),
  );
  if (policy === undefined) throw new Error('no policy on the first function role');
  const document = props(policy)['PolicyDocument'] as { Statement: unknown[] };
  document.Statement.push({ Effect: 'Allow', ...statement });
}
