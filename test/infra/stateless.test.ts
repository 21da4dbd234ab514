import { describe, expect, it } from 'vitest';
import { env, functions, type FunctionDefinition } from '#infra/definitions';
import { fixtureDefinitions, fixtureFunctions } from './fixture.ts';
import { actionsOn, functionBehind, functionNamed, grantsOf, queueNameOf, resourcesFor, routeWithKey } from './lookup.ts';
import { sqsEventSources } from './rules-messaging.ts';
import { synthesizeSystem } from './synth.ts';
import { prop, resolve, resources, tag, type Located, type Templates } from './template.ts';

// Prepare (shared): the app as defined, and with the fixture's consumers, schedule and wider access.
const system = synthesizeSystem();
const fixture = synthesizeSystem({ definitions: fixtureDefinitions });

const deployed = functions.filter((definition) => definition.localOnly !== true);
const localOnly = functions.filter((definition) => definition.localOnly === true);
const routesOf = (definitions: readonly FunctionDefinition[]) =>
  definitions.flatMap((definition) => (definition.trigger.kind === 'http' ? definition.trigger.routes.map((route) => ({ definition, route })) : []));

describe('the HTTP API', () => {
  it.each(routesOf(deployed).map(({ definition, route }) => [`${route.method} ${route.path}`, route.auth, definition.name] as const))(
    '%s: %s, served by %s',
    (routeKey, auth, name) => {
      // Act
      const route = routeWithKey(system.templates, routeKey);
      // Assess
      if (route === undefined) throw new Error(`no route ${routeKey}`);
      expect(prop(route.resource, 'AuthorizationType')).toBe(auth === 'jwt' ? 'JWT' : 'NONE');
      const authorizer = resolve(system.templates, route.stack, prop(route.resource, 'AuthorizerId'));
      expect(authorizer?.resource.Type).toBe(auth === 'jwt' ? 'AWS::ApiGatewayV2::Authorizer' : undefined);
      const fn = functionBehind(system.templates, route);
      expect(fn === undefined ? undefined : tag(fn.resource, 'vanthu:function')).toBe(name);
    },
  );

  it('has no route the definitions do not declare', () => {
    // Assess
    expect(resources(system.templates, 'AWS::ApiGatewayV2::Route')).toHaveLength(routesOf(deployed).length);
  });

  it('does not deploy local-only functions nor their routes', () => {
    // Assess: the precondition, then the behaviour
    expect(localOnly.length).toBeGreaterThan(0);
    for (const definition of localOnly) expect(functionNamed(system.templates, definition.name)).toBeUndefined();
    for (const { route } of routesOf(localOnly)) expect(routeWithKey(system.templates, `${route.method} ${route.path}`)).toBeUndefined();
    expect(resources(system.templates, 'AWS::Lambda::Function').filter((fn) => tag(fn.resource, 'vanthu:function') !== undefined)).toHaveLength(deployed.length);
  });
});

describe('each deployed function', () => {
  const all = fixtureDefinitions.functions.filter((definition) => definition.localOnly !== true);

  it.each(all.map((definition) => [definition.name, definition] as const))('%s: size, timeout and environment from its definition', (name, definition) => {
    // Act
    const fn = deployedFunction(fixture.templates, name);
    const variables = prop(fn.resource, 'Environment', 'Variables') as Record<string, unknown>;
    // Assess
    expect(prop(fn.resource, 'Timeout')).toBe(definition.timeoutSeconds);
    expect(prop(fn.resource, 'MemorySize')).toBe(definition.memoryMb);
    expect(prop(fn.resource, 'Handler')).toBe('index.handler');
    const expected = [
      ...(definition.access.table === undefined ? [] : [env.tableName, env.pageTokenKey]),
      ...(definition.access.bucket === undefined ? [] : [env.bucketName]),
      ...(definition.access.secrets === undefined ? [] : [env.webhookSecretsKey]),
      ...(definition.access.sendsTo ?? []).map(env.queueUrl),
      ...(definition.printsPdf === true ? ['VANTHU_PDF_FONT_DIR'] : []),
      ...(definition.access.signing === undefined ? [] : [env.configPath]),
      ...(definition.access.retainsOriginals === true ? [env.issuedRetentionYears] : []),
      'NODE_OPTIONS',
      // What every log line and metric names (layers/observability): the release, the service, the namespace.
      'VANTHU_VERSION',
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_METRICS_NAMESPACE',
    ];
    expect(Object.keys(variables).sort()).toEqual(expected.sort());
    expect(variables.VANTHU_VERSION).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}(\.dirty)?$/);
    expect(variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'vanthu', POWERTOOLS_METRICS_NAMESPACE: 'Vanthu' });
    expect(prop(fn.resource, 'LoggingConfig')).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' });
    if (definition.access.retainsOriginals === true) expect(variables[env.issuedRetentionYears]).toBe('10');
    for (const queue of definition.access.sendsTo ?? []) expect(queueNameOf(fixture.templates, fn, variables[env.queueUrl(queue)])).toBe(queue);
  });

  it.each(all.map((definition) => [definition.name, definition] as const))('%s: table, bucket and queue rights follow its access', (name, definition) => {
    // Act
    const fn = deployedFunction(fixture.templates, name);
    const dynamodb = actionsOn(fixture.templates, fn, 'dynamodb');
    const s3 = actionsOn(fixture.templates, fn, 's3');
    const sentTo = grantsOf(fixture.templates, fn)
      .filter(({ actions }) => actions.includes('sqs:SendMessage'))
      .flatMap((grant) => grant.resources.map((resource) => queueNameOf(fixture.templates, grant.at, resource)));
    // Assess
    const tableWrites = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    if (definition.access.table === undefined) expect([...dynamodb]).toEqual([]);
    else expect(dynamodb).toContain('dynamodb:Query');
    for (const write of tableWrites) expect(dynamodb.has(write)).toBe(definition.access.table === 'readwrite');
    if (definition.access.bucket === undefined) expect([...s3]).toEqual([]);
    else expect(s3).toContain('s3:GetObject');
    expect(s3.has('s3:PutObject')).toBe(definition.access.bucket === 'readwrite');
    // A streamed store that fails aborts its multipart upload (layers/adapters/s3/stream-upload.ts).
    expect(s3.has('s3:AbortMultipartUpload')).toBe(definition.access.bucket === 'readwrite');
    // Only the upload checker may destroy, and only uploads (a secret document's content): everything else is evidence.
    expect(s3.has('s3:DeleteObject')).toBe(definition.access.destroysSecretContent === true);
    expect(s3.has('s3:DeleteObjectVersion')).toBe(definition.access.destroysSecretContent === true);
    // Only the upload checker locks issued originals (Object Lock); no function may bypass a governance retention.
    expect(s3.has('s3:PutObjectRetention')).toBe(definition.access.retainsOriginals === true);
    expect(s3.has('s3:BypassGovernanceRetention')).toBe(false);
    expect(sentTo.sort()).toEqual([...(definition.access.sendsTo ?? [])].sort());
  });

  it.each(all.map((definition) => [definition.name, definition] as const))('%s: KMS only on the keys of what it touches', (name, definition) => {
    // Prepare: the key of each resource the function may use
    const fn = deployedFunction(fixture.templates, name);
    // Resources without a KMS key of their own (the access-log bucket, S3-managed) add none; the unencrypted rule covers the rest.
    // Data resources only: the portal's bucket (stateless stack) has a key of its own, which only CloudFront reads.
    const keysOf = (type: string): string[] =>
      resources(fixture.templates, type).flatMap((at) => {
        if (!at.stack.endsWith('-stateful')) return [];
        const keyProperty =
          type === 'AWS::DynamoDB::Table'
            ? ['SSESpecification', 'KMSMasterKeyId']
            : type === 'AWS::SQS::Queue'
              ? ['KmsMasterKeyId']
              : ['BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID'];
        const key = resolve(fixture.templates, at.stack, prop(at.resource, ...keyProperty));
        return key === undefined ? [] : [key.id];
      });
    const consumes = definition.trigger.kind === 'queue';
    const expected = new Set([
      ...(definition.access.table === undefined ? [] : keysOf('AWS::DynamoDB::Table')),
      ...(definition.access.bucket === undefined ? [] : keysOf('AWS::S3::Bucket')),
      ...(definition.access.secrets === undefined
        ? []
        : resources(fixture.templates, 'AWS::KMS::Key')
            .filter((at) => prop(at.resource, 'Description') === 'vanthu webhook secrets')
            .map((at) => at.id)),
      ...((definition.access.sendsTo ?? []).length > 0 || consumes ? keysOf('AWS::SQS::Queue') : []),
    ]);
    // Act
    const keys = new Set(resourcesFor(fixture.templates, fn, 'kms').map((target) => target.id));
    // Assess
    expect(keys).toEqual(expected);
  });

  it('logs to its own log group kept as long as logRetentionDays says (a year by default)', () => {
    // Assess
    for (const definition of deployed) {
      const fn = deployedFunction(system.templates, definition.name);
      const group = resolve(system.templates, fn.stack, prop(fn.resource, 'LoggingConfig', 'LogGroup'));
      expect(group === undefined ? undefined : prop(group.resource, 'RetentionInDays')).toBe(system.config.logRetentionDays);
    }
  });
});

describe('queue and schedule triggers', () => {
  const consumers = fixtureFunctions.flatMap((definition) => (definition.trigger.kind === 'queue' ? [{ definition, trigger: definition.trigger }] : []));

  it.each(consumers.map(({ definition, trigger }) => [definition.name, trigger.queue, trigger.batchSize] as const))(
    '%s consumes %s in batches of %i, reporting partial failures, and may receive from that queue only',
    (name, queueName, batchSize) => {
      // Act
      const fn = deployedFunction(fixture.templates, name);
      const sources = sqsEventSources(fixture.templates).filter((source) => source.fn.id === fn.id);
      const receivedFrom = grantsOf(fixture.templates, fn)
        .filter(({ actions }) => actions.includes('sqs:ReceiveMessage'))
        .flatMap((grant) => grant.resources.map((resource) => queueNameOf(fixture.templates, grant.at, resource)));
      // Assess
      expect(sources).toHaveLength(1);
      const [source] = sources;
      expect(source === undefined ? undefined : tag(source.queue.resource, 'vanthu:queue')).toBe(queueName);
      expect(source?.mapping.resource.Properties).toMatchObject({ BatchSize: batchSize, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      expect(receivedFrom).toEqual([queueName]);
    },
  );

  it('runs scheduled functions at their rate', () => {
    // Prepare
    const scheduled = fixtureFunctions.flatMap((definition) => (definition.trigger.kind === 'schedule' ? [{ definition, trigger: definition.trigger }] : []));
    expect(scheduled.length).toBeGreaterThan(0);
    for (const { definition, trigger } of scheduled) {
      // Act
      const fn = deployedFunction(fixture.templates, definition.name);
      const schedules = resources(fixture.templates, 'AWS::Scheduler::Schedule').filter(
        (schedule) => resolve(fixture.templates, schedule.stack, prop(schedule.resource, 'Target', 'Arn'))?.id === fn.id,
      );
      // Assess
      expect(schedules.map((schedule) => prop(schedule.resource, 'ScheduleExpression'))).toEqual([`rate(${trigger.everyMinutes} minutes)`]);
    }
  });
});

function deployedFunction(templates: Templates, name: string): Located {
  const fn = functionNamed(templates, name);
  if (fn === undefined) throw new Error(`function ${name} not deployed`);
  return fn;
}
