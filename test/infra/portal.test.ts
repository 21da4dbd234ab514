import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { cloudFrontHeaders, withSources } from '#infra/constructs/portal';
import { portalSecurityHeaders } from '#infra/local/portal-files';
import { DeployConfigError, readDeployConfig, type ContextReader } from '#infra/stacks/config';
import { defineVanthu } from '#infra/stacks/vanthu';
import { isCdkFrameworkFunction } from './rules-functions.ts';
import { synthesizeSystem, type SynthesizedSystem } from './synth.ts';
import { asList, isRecord, prop, resolve, resources, type CfnResource, type Located, type Templates } from './template.ts';

// Prepare (shared): the default stage (built-in user pool, cloudfront.net address), a stage with the
// portal's own domain, and one with an external issuer.
const system = synthesizeSystem();
const domain = 'vanthu.hanoi.example.vn';
const certificateArn = 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const customContext = { stage: 'prod', portalDomain: domain, portalCertificateArn: certificateArn, cognitoDomainPrefix: 'vanthu-hanoi' };
const custom = synthesizeSystem({ context: customContext });
const external = synthesizeSystem({ context: { stage: 'ext', jwtIssuer: 'https://login.example.vn/realms/hanoi', jwtAudience: 'vanthu-portal' } });

/** CloudFront's managed cache policies. */
const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

describe('the portal bucket', () => {
  it('blocks public access and lets only this distribution read, through Origin Access Control', () => {
    // Prepare
    const bucket = portalBucket(system);
    const distribution = only(system, 'AWS::CloudFront::Distribution');
    const allows = bucketPolicyStatements(system, bucket).filter((statement) => statement['Effect'] === 'Allow');
    // Assess
    for (const flag of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
      expect(prop(bucket.resource, 'PublicAccessBlockConfiguration', flag)).toBe(true);
    }
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    const sourceArn = isRecord(allows[0]?.['Condition']) ? (allows[0]['Condition'] as Record<string, Record<string, unknown>>)['StringEquals']?.['AWS:SourceArn'] : undefined;
    expect(render(system.templates, bucket.stack, sourceArn)).toBe(`arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/{${distribution.id}}`);
    const origin = asList(prop(distribution.resource, 'DistributionConfig', 'Origins'))[0];
    const oac = isRecord(origin) ? resolve(system.templates, distribution.stack, origin['OriginAccessControlId']) : undefined;
    expect(oac?.resource.Type).toBe('AWS::CloudFront::OriginAccessControl');
    expect(prop(oac?.resource ?? { Type: '' }, 'OriginAccessControlConfig')).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' });
    expect(isRecord(origin) ? origin['S3OriginConfig'] : undefined).toEqual({ OriginAccessIdentity: '' });
    expect(resources(system.templates, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
  });

  it('refuses plain HTTP, is versioned and encrypted with its own key, keeps server access logs and outlives the stack', () => {
    // Prepare
    const bucket = portalBucket(system);
    const denies = bucketPolicyStatements(system, bucket).filter((statement) => statement['Effect'] === 'Deny');
    // Assess
    expect(denies.some((statement) => JSON.stringify(statement['Condition']) === '{"Bool":{"aws:SecureTransport":"false"}}')).toBe(true);
    expect(prop(bucket.resource, 'VersioningConfiguration', 'Status')).toBe('Enabled');
    const key = resolve(
      system.templates,
      bucket.stack,
      prop(bucket.resource, 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID'),
    );
    expect(key?.resource.Type).toBe('AWS::KMS::Key');
    expect(key?.stack).toBe(bucket.stack);
    expect(resolve(system.templates, bucket.stack, prop(bucket.resource, 'LoggingConfiguration', 'DestinationBucketName'))?.resource.Type).toBe('AWS::S3::Bucket');
    expect(bucket.resource.DeletionPolicy).toBe('Retain');
  });
});

describe('the distribution', () => {
  it('redirects HTTP to HTTPS on every behavior and serves index.html at the root', () => {
    // Prepare
    const config = distributionConfig(system);
    const behaviors = [config['DefaultCacheBehavior'], ...asList(config['CacheBehaviors'])].filter(isRecord);
    // Assess
    expect(config['DefaultRootObject']).toBe('index.html');
    expect(behaviors).toHaveLength(2);
    for (const behavior of behaviors) {
      expect(behavior['ViewerProtocolPolicy']).toBe('redirect-to-https');
      expect(behavior['AllowedMethods']).toEqual(['GET', 'HEAD']);
    }
  });

  it('caches assets/* long and never the page or config.json', () => {
    // Prepare
    const config = distributionConfig(system);
    const assets = asList(config['CacheBehaviors']).filter(isRecord);
    // Assess
    expect(assets.map((behavior) => [behavior['PathPattern'], behavior['CachePolicyId']])).toEqual([['assets/*', cachingOptimized]]);
    expect(isRecord(config['DefaultCacheBehavior']) ? config['DefaultCacheBehavior']['CachePolicyId'] : undefined).toBe(cachingDisabled);
  });

  it('answers on the custom domain with its certificate and TLS 1.2 at least', () => {
    // Act
    const config = distributionConfig(custom);
    // Assess
    expect(config['Aliases']).toEqual([domain]);
    expect(config['ViewerCertificate']).toEqual({ AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
  });

  it("without a custom domain uses CloudFront's default certificate (its policy is fixed by AWS: acknowledged in infra/stacks/nag.ts)", () => {
    // Assess
    expect(distributionConfig(system)['ViewerCertificate']).toBeUndefined();
  });

  it("passes cdk-nag's TLS rule with the custom domain, where the default certificate's acknowledgement no longer applies", () => {
    // Act
    const { nag } = synthesizeSystem({ context: customContext, nag: true });
    // Assess
    expect(nag?.report.violations.map((violation) => violation.ruleName)).toEqual([]);
    expect(nag?.acknowledged.filter(({ finding }) => finding === 'AwsSolutions-CFR4')).toEqual([]);
    expect(nag?.unused.map((suppression) => suppression.id)).toEqual(['AwsSolutions-CFR4']);
  });
});

describe('the response headers', () => {
  it('are on every behavior, one policy', () => {
    // Prepare
    const policy = only(system, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = distributionConfig(system);
    // Assess
    for (const behavior of [config['DefaultCacheBehavior'], ...asList(config['CacheBehaviors'])].filter(isRecord)) {
      expect(resolve(system.templates, policy.stack, behavior['ResponseHeadersPolicyId'])?.id).toBe(policy.id);
    }
  });

  it("carry the local runtime's CSP, connect-src widened to the API, the sign-in domain and the file bucket", () => {
    // Act
    const csp = directives(contentSecurityPolicy(system));
    const local = directives(portalSecurityHeaders['content-security-policy'] ?? '');
    // Assess
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      '{AWS::ApiGatewayV2::Api.ApiEndpoint}',
      'https://{AWS::Cognito::UserPoolDomain}.auth.{AWS::Region}.amazoncognito.com',
      'https://{AWS::S3::Bucket.RegionalDomainName}',
    ]);
    for (const [directive, sources] of local) if (directive !== 'connect-src') expect(csp.get(directive), directive).toEqual(sources);
    expect([...csp.keys()].sort()).toEqual([...local.keys()].sort());
  });

  it('send the other headers of the local runtime, and HSTS for two years', () => {
    // Act
    const config = headersPolicy(system);
    // Assess
    expect(prop(config, 'SecurityHeadersConfig', 'StrictTransportSecurity')).toEqual({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: false, Override: true });
    expect(prop(config, 'SecurityHeadersConfig', 'ContentTypeOptions')).toEqual({ Override: true });
    expect(prop(config, 'SecurityHeadersConfig', 'FrameOptions')).toEqual({ FrameOption: 'DENY', Override: true });
    expect(prop(config, 'SecurityHeadersConfig', 'ReferrerPolicy')).toEqual({ ReferrerPolicy: portalSecurityHeaders['referrer-policy'], Override: true });
    expect(prop(config, 'CustomHeadersConfig', 'Items')).toEqual([{ Header: 'Permissions-Policy', Value: portalSecurityHeaders['permissions-policy'], Override: true }]);
  });

  it('fail the synth for a local header CloudFront would not send, instead of dropping it', () => {
    // Act
    const unmapped = () => cloudFrontHeaders({ ...portalSecurityHeaders, 'cross-origin-opener-policy': 'same-origin' }, []);
    const wrongFrame = () => cloudFrontHeaders({ 'x-frame-options': 'ALLOW-FROM https://x.vn' }, []);
    // Assess
    expect(unmapped).toThrow(/cross-origin-opener-policy/);
    expect(wrongFrame).toThrow(/x-frame-options/);
  });

  it('widen a directive by adding sources, or add the directive', () => {
    // Assess
    expect(withSources("default-src 'self'; connect-src 'self'", 'connect-src', ['https://a.vn', 'https://b.vn'])).toBe(
      "default-src 'self'; connect-src 'self' https://a.vn https://b.vn",
    );
    expect(withSources("default-src 'self';", 'connect-src', ['https://a.vn'])).toBe("default-src 'self'; connect-src https://a.vn");
  });

  it("name the external issuer's origin instead of a sign-in domain", () => {
    // Act
    const csp = directives(contentSecurityPolicy(external));
    // Assess
    expect(csp.get('connect-src')).toEqual(["'self'", '{AWS::ApiGatewayV2::Api.ApiEndpoint}', 'https://login.example.vn', 'https://{AWS::S3::Bucket.RegionalDomainName}']);
  });
});

describe("the portal's Cognito client", () => {
  it('allows the authorization code flow only, public (no secret), openid email profile, back to the CloudFront address only', () => {
    // Prepare
    const client = only(system, 'AWS::Cognito::UserPoolClient');
    const distribution = only(system, 'AWS::CloudFront::Distribution');
    const cloudFrontUrl = `https://{${distribution.id}.DomainName}/`;
    // Assess
    expect(client.stack).toBe(distribution.stack);
    expect(prop(client.resource, 'AllowedOAuthFlows')).toEqual(['code']);
    expect(prop(client.resource, 'AllowedOAuthFlowsUserPoolClient')).toBe(true);
    expect(prop(client.resource, 'GenerateSecret')).toBe(false);
    expect(prop(client.resource, 'AllowedOAuthScopes')).toEqual(['openid', 'email', 'profile']);
    expect(prop(client.resource, 'SupportedIdentityProviders')).toEqual(['COGNITO']);
    expect(asList(prop(client.resource, 'CallbackURLs')).map((url) => render(system.templates, client.stack, url))).toEqual([cloudFrontUrl]);
    expect(asList(prop(client.resource, 'LogoutURLs')).map((url) => render(system.templates, client.stack, url))).toEqual([cloudFrontUrl]);
    expect(prop(client.resource, 'ExplicitAuthFlows')).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(prop(client.resource, 'WriteAttributes')).toEqual(['locale']);
  });

  it('is the audience of the API: its ID tokens pass the JWT authorizer, issued by the pool', () => {
    // Prepare
    const authorizer = only(system, 'AWS::ApiGatewayV2::Authorizer');
    const client = only(system, 'AWS::Cognito::UserPoolClient');
    // Act
    const audience = asList(prop(authorizer.resource, 'JwtConfiguration', 'Audience')).map((value) => resolve(system.templates, authorizer.stack, value));
    const issuer = resolve(system.templates, authorizer.stack, prop(authorizer.resource, 'JwtConfiguration', 'Issuer'));
    const pool = resolve(system.templates, client.stack, prop(client.resource, 'UserPoolId'));
    // Assess
    expect(audience.map((target) => target?.id)).toEqual([client.id]);
    expect(issuer?.id).toBe(pool?.id);
  });

  it('takes the custom domain and the CloudFront address back, the custom domain first', () => {
    // Prepare
    const client = only(custom, 'AWS::Cognito::UserPoolClient');
    const distribution = only(custom, 'AWS::CloudFront::Distribution');
    // Assess
    expect(asList(prop(client.resource, 'CallbackURLs')).map((url) => render(custom.templates, client.stack, url))).toEqual([
      `https://${domain}/`,
      `https://{${distribution.id}.DomainName}/`,
    ]);
  });

  it('signs in on a domain of the pool: the configured prefix, by default vanthu-<stage>-<account>', () => {
    // Act
    const prefix = (app: SynthesizedSystem) => {
      const pool = only(app, 'AWS::Cognito::UserPoolDomain');
      return render(app.templates, pool.stack, prop(pool.resource, 'Domain'));
    };
    // Assess
    expect(prefix(system)).toBe('vanthu-dev-{AWS::AccountId}');
    expect(prefix(custom)).toBe('vanthu-hanoi');
  });

  it('does not exist with an external issuer, whose configured audience the API keeps', () => {
    // Assess
    expect(resources(external.templates, 'AWS::Cognito::UserPoolClient')).toEqual([]);
    expect(prop(only(external, 'AWS::ApiGatewayV2::Authorizer').resource, 'JwtConfiguration')).toEqual({
      Issuer: 'https://login.example.vn/realms/hanoi',
      Audience: ['vanthu-portal'],
    });
  });
});

describe('the deployment of the build', () => {
  it('writes config.json with the API, the sign-in domain, the client and the CloudFront address', () => {
    // Prepare
    const pages = deployment(system, 'no-cache');
    const markers = asList(prop(pages.resource, 'SourceMarkers')).find((entry) => isRecord(entry) && Object.keys(entry).length > 0) as Record<string, unknown>;
    const value = (marker: string) => render(system.templates, pages.stack, markers[marker]);
    const config = JSON.parse(JSON.stringify(system.portalConfig).replace(/<<marker:0xbaba:\d+>>/g, (marker) => value(marker)));
    const client = only(system, 'AWS::Cognito::UserPoolClient');
    const distribution = only(system, 'AWS::CloudFront::Distribution');
    // Assess
    expect(config).toEqual({
      apiBaseUrl: '{AWS::ApiGatewayV2::Api.ApiEndpoint}',
      auth: {
        kind: 'cognito',
        domain: 'https://{AWS::Cognito::UserPoolDomain}.auth.{AWS::Region}.amazoncognito.com',
        clientId: `{${client.id}}`,
        redirectUri: `https://{${distribution.id}.DomainName}/`,
        scopes: ['openid', 'email', 'profile'],
      },
    });
  });

  it('puts assets/* first, cached a year, then the page and config.json with no-cache, pruning nothing', () => {
    // Prepare
    const assets = deployment(system, 'public, max-age=31536000, immutable');
    const pages = deployment(system, 'no-cache');
    // Assess
    expect(prop(assets.resource, 'Exclude')).toEqual(['*']);
    expect(prop(assets.resource, 'Include')).toEqual(['assets/*']);
    expect(prop(pages.resource, 'Exclude')).toEqual(['assets/*']);
    for (const at of [assets, pages]) {
      expect(prop(at.resource, 'Prune')).toBe(false);
      expect(resolve(system.templates, at.stack, prop(at.resource, 'DestinationBucketName'))?.id).toBe(portalBucket(system).id);
    }
    expect(JSON.stringify((pages.resource as { DependsOn?: unknown }).DependsOn)).toContain(assets.id);
  });

  it("runs CDK's handler under a role of its own: its archives read, the portal bucket written, nothing deleted, no managed policy", () => {
    // Prepare
    const [handler, ...others] = resources(system.templates, 'AWS::Lambda::Function').filter((fn) => fn.stack === portalBucket(system).stack);
    if (handler === undefined) throw new Error('no deployment handler');
    const role = resolve(system.templates, handler.stack, prop(handler.resource, 'Role'));
    const statements = resources(system.templates, 'AWS::IAM::Policy')
      .filter((policy) => asList(prop(policy.resource, 'Roles')).some((ref) => resolve(system.templates, policy.stack, ref)?.id === role?.id))
      .flatMap((policy) => asList(prop(policy.resource, 'PolicyDocument', 'Statement')).filter(isRecord));
    const actions = statements.flatMap((statement) => asList(statement['Action']).map(String));
    // Assess
    expect(others).toEqual([]);
    expect(isCdkFrameworkFunction(handler)).toBe(true);
    expect(prop(role?.resource ?? { Type: '' }, 'ManagedPolicyArns')).toBeUndefined();
    expect(actions.sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:AbortMultipartUpload',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    const reads = statements.filter((statement) => statement['Action'] === 's3:GetObject').flatMap((statement) => asList(statement['Resource']));
    expect(reads.map((arn) => render(system.templates, handler.stack, arn))).toEqual(
      reads.map(() => expect.stringMatching(/^arn:\{AWS::Partition\}:s3:::cdk-hnb659fds-assets-\{AWS::AccountId\}-\{AWS::Region\}\/[0-9a-f]{64}\.zip$/)),
    );
    const logGroup = resolve(system.templates, handler.stack, prop(handler.resource, 'LoggingConfig', 'LogGroup'));
    expect(typeof prop(logGroup?.resource ?? { Type: '' }, 'RetentionInDays')).toBe('number');
  });

  it('writes no config.json with an external issuer (the operator provides it: docs/DEPLOY.md)', () => {
    // Assess
    expect(external.portalConfig).toBeUndefined();
    expect(prop(deployment(external, 'no-cache').resource, 'SourceMarkers')).toBeUndefined();
  });

  it('fails the synth, saying how to build it, when the portal is not built', () => {
    // Prepare: a source root without portal/dist
    const root = mkdtempSync(path.join(tmpdir(), 'vanthu-no-portal-'));
    try {
      const cdkJson = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../cdk.json'), 'utf8')) as { context: Record<string, unknown> };
      const app = new App({ outdir: path.join(root, 'cdk.out'), context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
      // Act
      const synth = () => defineVanthu(app, { config: readDeployConfig(app.node, {}), sourceRoot: root });
      // Assess
      expect(synth).toThrow(/npm run build:portal/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the portal settings', () => {
  const context = (values: Record<string, unknown>): ContextReader => ({ tryGetContext: (key) => values[key] });

  it.each([
    ['a domain without its certificate', { portalDomain: domain }, 'portalCertificateArn'],
    ['a certificate outside us-east-1', { portalDomain: domain, portalCertificateArn: certificateArn.replace('us-east-1', 'ap-southeast-1') }, 'portalCertificateArn'],
    ['a domain with a scheme', { portalDomain: `https://${domain}`, portalCertificateArn: certificateArn }, 'portalDomain'],
    ['a sign-in prefix Cognito refuses', { cognitoDomainPrefix: 'vanthu-aws' }, 'cognitoDomainPrefix'],
    ['a sign-in prefix with an external issuer', { cognitoDomainPrefix: 'vanthu', jwtIssuer: 'https://id.example.vn', jwtAudience: 'x' }, 'cognitoDomainPrefix'],
  ])('refuse %s', (_case, values, field) => {
    // Act
    const read = () => readDeployConfig(context(values), {});
    // Assess
    expect(read).toThrow(DeployConfigError);
    expect(read).toThrow(field);
  });

  it("let the custom domain's origin call the API and upload to the file bucket (CORS)", () => {
    // Prepare
    const api = only(custom, 'AWS::ApiGatewayV2::Api');
    const files = resources(custom.templates, 'AWS::S3::Bucket').find((at) => prop(at.resource, 'CorsConfiguration') !== undefined);
    // Assess
    expect(prop(api.resource, 'CorsConfiguration', 'AllowOrigins')).toEqual(['http://localhost:5173', `https://${domain}`]);
    expect(prop(files?.resource ?? { Type: '' }, 'CorsConfiguration', 'CorsRules', 0, 'AllowedOrigins')).toEqual(['http://localhost:5173', `https://${domain}`]);
  });
});

function only(app: SynthesizedSystem, type: string): Located {
  const found = resources(app.templates, type);
  expect(found, type).toHaveLength(1);
  const [first] = found;
  if (first === undefined) throw new Error(`no ${type}`);
  return first;
}

/** The portal's bucket: the one the distribution reads. */
function portalBucket(app: SynthesizedSystem): Located {
  const distribution = only(app, 'AWS::CloudFront::Distribution');
  const origin = asList(prop(distribution.resource, 'DistributionConfig', 'Origins'))[0];
  const bucket = isRecord(origin) ? resolve(app.templates, distribution.stack, origin['DomainName']) : undefined;
  if (bucket?.resource.Type !== 'AWS::S3::Bucket') throw new Error('the distribution reads no bucket of the stacks');
  return bucket;
}

function bucketPolicyStatements(app: SynthesizedSystem, bucket: Located): Record<string, unknown>[] {
  return resources(app.templates, 'AWS::S3::BucketPolicy')
    .filter((policy) => resolve(app.templates, policy.stack, prop(policy.resource, 'Bucket'))?.id === bucket.id)
    .flatMap((policy) => asList(prop(policy.resource, 'PolicyDocument', 'Statement')).filter(isRecord));
}

function distributionConfig(app: SynthesizedSystem): Record<string, unknown> {
  const config = prop(only(app, 'AWS::CloudFront::Distribution').resource, 'DistributionConfig');
  if (!isRecord(config)) throw new Error('no distribution config');
  return config;
}

/** The policy's ResponseHeadersPolicyConfig, as a resource for `prop`. */
function headersPolicy(app: SynthesizedSystem): CfnResource {
  const config = prop(only(app, 'AWS::CloudFront::ResponseHeadersPolicy').resource, 'ResponseHeadersPolicyConfig');
  if (!isRecord(config)) throw new Error('no response headers policy config');
  return { Type: 'AWS::CloudFront::ResponseHeadersPolicy', Properties: config };
}

/** The CSP as sent, references rendered `{Type.Attribute}` or `{logical id}`. */
function contentSecurityPolicy(app: SynthesizedSystem): string {
  const policy = only(app, 'AWS::CloudFront::ResponseHeadersPolicy');
  return render(app.templates, policy.stack, prop(policy.resource, 'ResponseHeadersPolicyConfig', 'SecurityHeadersConfig', 'ContentSecurityPolicy', 'ContentSecurityPolicy'));
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== undefined && words[0] !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

/** The BucketDeployment custom resource of the portal that sets this Cache-Control. */
function deployment(app: SynthesizedSystem, cacheControl: string): Located {
  const found = resources(app.templates, 'Custom::CDKBucketDeployment').filter((at) => prop(at.resource, 'SystemMetadata', 'cache-control') === cacheControl);
  expect(found).toHaveLength(1);
  const [first] = found;
  if (first === undefined) throw new Error(`no deployment with ${cacheControl}`);
  return first;
}

/**
 * A value as text: joins joined, pseudo parameters as `{AWS::Region}`, a resource of the stacks as
 * `{Type.Attribute}` for the system's shared kinds (API, pool domain, bucket) or `{logical id.Attribute}`.
 */
function render(templates: Templates, stack: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => render(templates, stack, part)).join(separator);
  }
  if (isRecord(value) && typeof value['Ref'] === 'string' && value['Ref'].startsWith('AWS::')) return `{${value['Ref']}}`;
  if (isRecord(value) && typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'].replace(/\$\{([^}]+)\}/g, '{$1}');
  const target = resolve(templates, stack, value);
  if (target === undefined) return `{?${JSON.stringify(value)}}`;
  const shared = ['AWS::ApiGatewayV2::Api', 'AWS::Cognito::UserPoolDomain', 'AWS::S3::Bucket'].includes(target.resource.Type);
  const name = shared ? target.resource.Type : target.id;
  return `{${name}${target.attribute === undefined ? '' : `.${target.attribute}`}}`;
}
