import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { PortalConfig } from '../../portal/src/config.ts';
import { PortalSite } from '../constructs/portal.ts';
import type { DeployConfig } from './config.ts';
import type { PortalIdentity } from './stateful-stack.ts';

export interface PortalStackProps extends NestedStackProps {
  readonly config: DeployConfig;
  readonly identity: PortalIdentity;
  /** The API's base URL, `https://<id>.execute-api.<region>.amazonaws.com` (no trailing slash). */
  readonly apiEndpoint: string;
  /** The file bucket: the browser PUTs presigned uploads straight to it. */
  readonly files: s3.IBucket;
  /** The built portal: portal/dist of the repository. */
  readonly directory: string;
}

/** What the portal asks of the hosted sign-in pages (the client allows exactly these). */
export const portalScopes = ['openid', 'email', 'profile'] as const;

/**
 * A nested stack of the stateless stack: the portal's bucket and CloudFront distribution (./constructs/portal.ts),
 * the built files with a `config.json` naming the API and the sign-in, and — with the built-in user pool — the
 * portal's Cognito client, whose callback is the distribution's address and whose id the API's authorizer
 * takes as audience. In the stateless stack because it needs the API's address (CSP, config.json) while the
 * API needs the client's id: one stack orders the resources (API, then the portal, then the authorizer)
 * where two stacks would refer to each other.
 *
 * With an external issuer no client is made and no `config.json` is written: the operator uploads one
 * (docs/DEPLOY.md, Portal); `connect-src` then names the issuer's origin.
 *
 * @example
 * const portal = new PortalStack(stateless, 'Portal', { config, identity, apiEndpoint: api.apiEndpoint, files: bucket, directory: 'portal/dist' });
 * portal.site.url; // https://d111111abcdef8.cloudfront.net/
 */
export class PortalStack extends NestedStack {
  readonly site: PortalSite;
  /** The portal's client of the built-in user pool; undefined with an external issuer. */
  readonly client: cognito.UserPoolClient | undefined;
  /** The configuration written to `/config.json`, when the stack writes one. */
  readonly runtimeConfig: PortalConfig | undefined;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { config, identity } = props;
    const signIn = identity.kind === 'cognito' ? identity.users.signInUrl : new URL(identity.tokenIssuer.issuer).origin;
    this.site = new PortalSite(this, 'Site', {
      connectSources: [props.apiEndpoint, signIn, `https://${props.files.bucketRegionalDomainName}`],
      ...(config.portalDomain === undefined || config.portalCertificateArn === undefined
        ? {}
        : { domain: { name: config.portalDomain, certificateArn: config.portalCertificateArn } }),
    });
    if (identity.kind === 'cognito') {
      this.client = identity.users.addPortalClient(this, 'Client', { urls: this.site.urls });
      this.runtimeConfig = {
        apiBaseUrl: props.apiEndpoint,
        auth: { kind: 'cognito', domain: signIn, clientId: this.client.userPoolClientId, redirectUri: this.site.url, scopes: [...portalScopes] },
      };
    } else {
      this.client = undefined;
      this.runtimeConfig = undefined;
    }
    this.site.publish({ directory: props.directory, ...(this.runtimeConfig === undefined ? {} : { runtimeConfig: this.runtimeConfig }) });
  }
}
