import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

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

/**
 * The default identity provider of the portal when no external OIDC issuer is configured: a Cognito user
 * pool (administrators create users, no self sign-up) and one public client for the portal. A user has a
 * full name and an agency code (mã định danh, 13 characters, `custom:organId`); roles are Cognito groups.
 * The portal sends the ID token, which carries `sub`, `name`, `organId` and `roles`.
 *
 * What reaches the token claims is set by administrators only: `custom:organId` is immutable
 * (fixed when the user is created; a move to another agency is a new account), and the portal client may
 * write nothing but `locale` — not `name` (printed on documents), not `email` (the sign-in alias and the
 * recovery channel: changed by an administrator with AdminUpdateUserAttributes). The list is never left
 * empty: a client without a write list may write every standard attribute. Every user signs in with a
 * TOTP second factor; SMS is off.
 *
 * @example
 * const { issuer, audience } = new PortalUserPool(this, 'Users').tokenIssuer;
 */
export class PortalUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly tokenIssuer: TokenIssuer;

  constructor(scope: Construct, id: string) {
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
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, this.claimsMapper());
    this.client = this.userPool.addClient('Portal', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      writeAttributes: portalWritableAttributes,
      idTokenValidity: Duration.hours(1),
    });
    this.tokenIssuer = { issuer: this.userPool.userPoolProviderUrl, audience: [this.client.userPoolClientId] };
  }

  /** The trigger function, held to the same rules as the system's functions: own role, logs, ARM, tracing. */
  private claimsMapper(): lambda.Function {
    const role = new iam.Role(this, 'ClaimsMapperRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new logs.LogGroup(this, 'ClaimsMapperLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    logGroup.grantWrite(role);
    return new lambda.Function(this, 'ClaimsMapper', {
      description: 'vanthu: organId and roles claims in portal ID tokens',
      code: lambda.Code.fromInline(claimsMapperSource),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 128,
      timeout: Duration.seconds(5),
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
    });
  }
}
