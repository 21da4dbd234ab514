import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (infra/bundling/options.ts
 * aliases it): Lambda hands every function its role's session credentials in AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, so the default chain's SSO, INI, process, web-identity and
 * container providers (about 85 KiB of each bundle, with the STS and SSO clients) would never answer.
 * The local runtime runs the sources unbundled, with the SDK's own chain, whose first link is the same
 * environment provider.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): AwsCredentialIdentityProvider => fromEnv(init);

/** The same rules as the chain it replaces: credentials with an expiration are refreshed 5 minutes early. */
export const credentialsWillNeedRefresh = (credentials: AwsCredentialIdentity | undefined): boolean => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials: AwsCredentialIdentity | undefined): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
