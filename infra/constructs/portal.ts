import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Annotations, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { portalSecurityHeaders } from '../local/portal-files.ts';
import { accessLogBucket, privateBucketProps } from './data.ts';
import { encryptionKey } from './keys.ts';

/** The portal's own host name and its ACM certificate (us-east-1). */
export interface PortalDomain {
  readonly name: string;
  readonly certificateArn: string;
}

export interface PortalSiteProps {
  /**
   * Origins the page may call besides its own (`connect-src`): the API, the sign-in domain's token endpoint,
   * the file bucket of presigned uploads. Deploy-time values (tokens) are welcome.
   */
  readonly connectSources: readonly string[];
  /** Absent: the distribution's cloudfront.net address with CloudFront's default certificate. */
  readonly domain?: PortalDomain;
}

export interface PortalFiles {
  /** The built portal (portal/dist): index.html and its hashed `assets/`. */
  readonly directory: string;
  /** Written as `/config.json` beside the page (portal/src/config.ts reads it); absent: left to the operator. */
  readonly runtimeConfig?: object;
}

/** Hashed file names never change: a browser and CloudFront keep them a year. */
const assetsCacheControl = [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.days(365)), s3deploy.CacheControl.immutable()];

/** HSTS: two years, as the preload list asks (without asking to be on it). */
const hstsMaxAge = Duration.days(730);

/**
 * The portal in AWS: a private bucket read only by one CloudFront distribution through Origin Access
 * Control, HTTPS only, every answer with the security headers and Content-Security-Policy the local runtime
 * sends (infra/local/portal-files.ts) plus HSTS; `assets/*` cached a year, the page and `config.json`
 * fetched again every time.
 *
 * The bucket is held like the system's others (versioned, KMS, TLS only, public access blocked, server
 * access logs, retained); a replaced file is kept 30 days as a noncurrent version. `publish` copies the
 * build into it with CDK's BucketDeployment, under a role that may read only the deployment's own assets
 * and write only this bucket.
 *
 * @example
 * const site = new PortalSite(this, 'Site', { connectSources: [api.apiEndpoint] });
 * site.publish({ directory: 'portal/dist', runtimeConfig: { apiBaseUrl: api.apiEndpoint, auth } });
 */
export class PortalSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;
  readonly accessLogs: s3.Bucket;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  readonly distribution: cloudfront.Distribution;
  /** Where people open the portal: the custom domain when configured, else the distribution's address (`https://<host>/`). */
  readonly url: string;
  /** Every address the portal answers on: the custom domain's, then the distribution's. */
  readonly urls: readonly string[];
  private publisherRole: iam.Role | undefined;

  constructor(scope: Construct, id: string, props: PortalSiteProps) {
    super(scope, id);
    this.key = encryptionKey(this, 'Key', 'vanthu portal files');
    this.accessLogs = accessLogBucket(this, 'AccessLogs');
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucketProps(this.key, this.accessLogs),
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'expire-replaced-files', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'vanthu portal: the headers of the local runtime (infra/local/portal-files.ts), HSTS',
      ...cloudFrontHeaders(portalSecurityHeaders, props.connectSources),
    });
    // The key policy cannot name the distribution (key → bucket → distribution would be a cycle): CDK lets
    // CloudFront decrypt for any distribution of this account, while the bucket policy lets only this one read.
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
      'kms:Decrypt for cloudfront.amazonaws.com on distributions of this account; s3:GetObject for this distribution only (bucket policy)',
    );
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: this.headers,
      compress: true,
    });
    const { domain } = props;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'vanthu portal',
      defaultRootObject: 'index.html',
      // The page and config.json: always asked of the bucket, so a deployment shows at the next load.
      defaultBehavior: behavior(cloudfront.CachePolicy.CACHING_DISABLED),
      additionalBehaviors: { 'assets/*': behavior(cloudfront.CachePolicy.CACHING_OPTIMIZED) },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(domain === undefined
        ? {}
        : {
            domainNames: [domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }),
    });
    const cloudFrontUrl = `https://${this.distribution.distributionDomainName}/`;
    this.urls = domain === undefined ? [cloudFrontUrl] : [`https://${domain.name}/`, cloudFrontUrl];
    this.url = this.urls[0] ?? cloudFrontUrl;
  }

  /** The role BucketDeployment's handler runs with, once `publish` has made it. */
  get publisher(): iam.Role | undefined {
    return this.publisherRole;
  }

  /**
   * Copies the built portal into the bucket, `assets/` first (cached a year), then the page and
   * `config.json` (`no-cache`), so a page never names an asset not yet there. Nothing is pruned: a tab
   * opened before the deployment still finds its old assets. Throws, telling how to build it, when
   * `directory` holds no index.html: `cdk synth` of a fresh clone fails here until `npm run build:portal`.
   */
  publish(files: PortalFiles): void {
    const index = path.join(files.directory, 'index.html');
    if (!existsSync(index)) {
      throw new Error(`the portal is not built (${index} is missing): run \`npm run build:portal\` before \`cdk synth\` or \`cdk deploy\``);
    }
    const role = new iam.Role(this, 'PublisherRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'vanthu portal: copies the built portal into its bucket (CDK BucketDeployment)',
    });
    this.publisherRole = role;
    const logGroup = new logs.LogGroup(this, 'PublisherLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    logGroup.grantWrite(role);
    // BucketDeployment would grant s3:GetObject*/List* on the whole CDK assets bucket and s3:DeleteObject* here;
    // its handler gets a role it cannot widen, and these grants: read this deployment's archives, write this bucket.
    const fixedRole = role.withoutPolicyUpdates();
    const build = new s3assets.Asset(this, 'Build', { path: files.directory });
    const built = s3deploy.Source.bucket(build.bucket, build.s3ObjectKey);
    const archives = [build.bucket.arnForObjects(build.s3ObjectKey)];
    const pageSources: s3deploy.ISource[] = [built];
    if (files.runtimeConfig !== undefined) {
      const config = s3deploy.Source.jsonData('config.json', files.runtimeConfig).bind(this, { handlerRole: fixedRole });
      archives.push(config.bucket.arnForObjects(config.zipObjectKey));
      pageSources.push({ bind: () => config });
    }
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: archives }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [this.bucket.arnForObjects('*')] }));
    this.key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    const common = { destinationBucket: this.bucket, role: fixedRole, logGroup, prune: false, retainOnDelete: true, outputObjectKeys: false };
    const assets = new s3deploy.BucketDeployment(this, 'Assets', { ...common, sources: [built], exclude: ['*'], include: ['assets/*'], cacheControl: assetsCacheControl });
    const pages = new s3deploy.BucketDeployment(this, 'Pages', { ...common, sources: pageSources, exclude: ['assets/*'], cacheControl: [s3deploy.CacheControl.noCache()] });
    // The handler runs as soon as it exists: make it wait for its grants, and the page for its assets.
    assets.node.addDependency(role);
    pages.node.addDependency(role, assets);
  }
}

/**
 * The ResponseHeadersPolicy settings that send `local` (the local runtime's headers) from CloudFront, the
 * CSP's `connect-src` widened to `connectSources`, and HSTS. A header this function does not know fails the
 * synth, so the two places cannot drift apart silently.
 */
export function cloudFrontHeaders(
  local: Readonly<Record<string, string>>,
  connectSources: readonly string[],
): Pick<cloudfront.ResponseHeadersPolicyProps, 'securityHeadersBehavior' | 'customHeadersBehavior'> {
  const security: { -readonly [K in keyof cloudfront.ResponseSecurityHeadersBehavior]: cloudfront.ResponseSecurityHeadersBehavior[K] } = {
    strictTransportSecurity: { accessControlMaxAge: hstsMaxAge, includeSubdomains: true, preload: false, override: true },
  };
  const custom: cloudfront.ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(local)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: withSources(value, 'connect-src', connectSources), override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff') throw new Error(`x-content-type-options: CloudFront sends nosniff only, not ${value}`);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options':
        security.frameOptions = { frameOption: frameOption(value), override: true };
        break;
      case 'referrer-policy':
        security.referrerPolicy = { referrerPolicy: referrerPolicy(value), override: true };
        break;
      case 'permissions-policy':
        custom.push({ header: 'Permissions-Policy', value, override: true });
        break;
      default:
        throw new Error(`infra/local/portal-files.ts sends ${name}: send it from CloudFront too (infra/constructs/portal.ts, cloudFrontHeaders)`);
    }
  }
  return { securityHeadersBehavior: security, ...(custom.length === 0 ? {} : { customHeadersBehavior: { customHeaders: custom } }) };
}

/**
 * A Content-Security-Policy with sources added to one directive (created when absent).
 *
 * @example
 * withSources("default-src 'self'; connect-src 'self'", 'connect-src', ['https://api.example.vn']);
 * // "default-src 'self'; connect-src 'self' https://api.example.vn"
 */
export function withSources(policy: string, directive: string, sources: readonly string[]): string {
  const directives = policy
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const at = directives.findIndex((part) => part.split(/\s+/)[0] === directive);
  if (at === -1) return [...directives, [directive, ...sources].join(' ')].join('; ');
  return directives.map((part, index) => (index === at ? [part, ...sources].join(' ') : part)).join('; ');
}

function frameOption(value: string): cloudfront.HeadersFrameOption {
  switch (value.toUpperCase()) {
    case 'DENY':
      return cloudfront.HeadersFrameOption.DENY;
    case 'SAMEORIGIN':
      return cloudfront.HeadersFrameOption.SAMEORIGIN;
    default:
      throw new Error(`x-frame-options: CloudFront sends DENY or SAMEORIGIN, not ${value}`);
  }
}

function referrerPolicy(value: string): cloudfront.HeadersReferrerPolicy {
  const known = Object.values(cloudfront.HeadersReferrerPolicy).find((policy) => policy === value);
  if (known === undefined) throw new Error(`referrer-policy: CloudFront has no ${value}`);
  return known;
}
