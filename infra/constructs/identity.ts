import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { WatchedFunction } from './function-alarms.ts';

/** What the JWT authorizer of the API trusts. */
export interface TokenIssuer {
  /** OIDC issuer URL (`iss`). */
  readonly issuer: string;
  /** Accepted `aud` / `client_id` values. */
  readonly audience: readonly string[];
}

/**
 * Pre-token-generation trigger: puts the claims layers/http/claims.ts reads into the ID token, from the
 * user's `custom:organId` attribute and Cognito groups. Inline (CommonJS, no dependencies) because it is
 * Cognito plumbing, not a use case.
 */
const claimsMapperSource = `exports.handler = async (event) => {
  const attributes = event.request.userAttributes || {};
  const groups = (event.request.groupConfiguration && event.request.groupConfiguration.groupsToOverride) || [];
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { organId: attributes['custom:organId'] || '', roles: groups.join(' ') } } };
  return event;
};`;

/** What a signed-in user may change about themselves with their access token (see PortalUserPool). */
const portalWritableAttributes = new cognito.ClientAttributes().withStandardAttributes({ locale: true });

export interface PortalUserPoolProps {
  /** Prefix of the hosted sign-in domain, `<prefix>.auth.<region>.amazoncognito.com` (unique in the region). */
  readonly domainPrefix: string;
  /** How long the sign-in trigger's logs are kept (the stage's `logRetentionDays`). */
  readonly logRetention: logs.RetentionDays;
}

/** Where the portal is served: the client's only callback and sign-out addresses (`https://<host>/`). */
export interface PortalClientProps {
  readonly urls: readonly string[];
}

/**
 * The default identity provider of the portal when no external OIDC issuer is configured: a Cognito user
 * pool (administrators create users, no self sign-up) with its hosted sign-in pages, and one public client
 * for the portal. A user has a full name and an agency code (mã định danh, 13 characters, `custom:organId`);
 * roles are Cognito groups. The portal sends the ID token, which carries `sub`, `name`, `organId` and `roles`.
 *
 * What reaches the token claims is set by administrators only: `custom:organId` is immutable
 * (fixed when the user is created; a move to another agency is a new account), and the portal client may
 * write nothing but `locale` — not `name` (printed on documents), not `email` (the sign-in alias and the
 * recovery channel: changed by an administrator with AdminUpdateUserAttributes). The list is never left
 * empty: a client without a write list may write every standard attribute. Every user signs in with a
 * TOTP second factor; SMS is off.
 *
 * The pool and its domain live with the data (stateful stack); the portal's client is made by
 * `addPortalClient` in the stack of the portal, because its callback address is the CloudFront
 * distribution's, and the API's JWT authorizer takes its id as audience.
 *
 * @example
 * const users = new PortalUserPool(this, 'Users', { domainPrefix: 'vanthu-prod-hanoi', logRetention: logs.RetentionDays.ONE_YEAR });
 * const client = users.addPortalClient(portalStack, 'Client', { urls: ['https://vanthu.hanoi.gov.vn/'] });
 */
export class PortalUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  /** The hosted sign-in pages (authorization code with PKCE) the portal sends people to. */
  readonly domain: cognito.UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: `/oauth2/authorize`, `/oauth2/token`, `/logout` are under it. */
  readonly signInUrl: string;
  /** The `iss` of the pool's tokens. */
  readonly issuer: string;
  /** The pre-token-generation trigger, as its alarms describe it: while it fails, no one signs in. */
  readonly claimsMapper: WatchedFunction;

  constructor(scope: Construct, id: string, props: PortalUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      customAttributes: { organId: new cognito.StringAttribute({ minLen: 13, maxLen: 13, mutable: false }) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: false },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.claimsMapper = this.buildClaimsMapper(props.logRetention);
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, this.claimsMapper.handler);
    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.signInUrl = this.domain.baseUrl();
    this.issuer = this.userPool.userPoolProviderUrl;
  }

  /**
   * The portal's public client (no secret): the authorization code grant only, with PKCE (the portal sends
   * an S256 code challenge; Cognito requires the verifier for a public client's code), never the implicit
   * grant; scopes openid, email and profile; the pool's own sign-in pages only. `urls` are the only
   * addresses Cognito sends a code or a signed-out user back to. SRP stays the only direct flow (without
   * an explicit list Cognito would also allow custom authentication). Tokens last an hour; the portal keeps
   * the ID token for the tab and throws the refresh token away, so that one lasts no longer either.
   */
  addPortalClient(scope: Construct, id: string, props: PortalClientProps): cognito.UserPoolClient {
    return new cognito.UserPoolClient(scope, id, {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...props.urls],
        logoutUrls: [...props.urls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      writeAttributes: portalWritableAttributes,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
    });
  }
  /** The trigger function, held to the same rules as the system's functions: own role, logs, ARM, tracing. */
  private buildClaimsMapper(logRetention: logs.RetentionDays): WatchedFunction {
    const timeoutSeconds = 5;
    const memoryMb = 128;
    const role = new iam.Role(this, 'ClaimsMapperRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new logs.LogGroup(this, 'ClaimsMapperLogs', { retention: logRetention });
    logGroup.grantWrite(role);
    const handler = new lambda.Function(this, 'ClaimsMapper', {
      description: 'vanthu: organId and roles claims in portal ID tokens',
      code: lambda.Code.fromInline(claimsMapperSource),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: memoryMb,
      timeout: Duration.seconds(timeoutSeconds),
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
    });
    return { name: 'claims-mapper', duty: 'puts organId and roles into the portal ID token at each sign-in', handler, logGroup, timeoutSeconds, memoryMb };
  }
}
