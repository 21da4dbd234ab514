import { signaturePolicies } from '#domain/documents/signature-policy';
import * as z from 'zod';
import { alarmThresholdsSetting, logRetentionSetting } from './monitoring-settings.ts';

/**
 * Deployment settings of one stage, read from CDK context (`-c stage=prod`, cdk.json) or, when the context
 * does not set a key, from `VANTHU_*` environment variables. Validated here, at the edge, so the stacks
 * never see a half-configured issuer.
 */
export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** Reads a context value; `tryGetContext` is all the stacks need of a construct node. */
export interface ContextReader {
  tryGetContext(key: string): unknown;
}

/** Thrown when the deployment settings are unusable; the message lists every problem. */
export class DeployConfigError extends Error {
  override readonly name = 'DeployConfigError';
}

/**
 * Reads and validates the stage settings; context wins over the environment.
 *
 * @example
 * const app = new App();
 * const config = readDeployConfig(app.node); // { stage: 'dev', jwtAudience: [], portalOrigins: [...] }
 */
export function readDeployConfig(context: ContextReader, environment: NodeJS.ProcessEnv = process.env): DeployConfig {
  const raw: Partial<Record<SettingName, unknown>> = {};
  for (const name of Object.keys(sources) as SettingName[]) {
    const value = context.tryGetContext(sources[name].context) ?? environment[sources[name].env];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const parsed = deployConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DeployConfigError(`invalid deployment settings: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}

/** Where a setting may come from: context key and environment variable. */
const sources = {
  stage: { context: 'stage', env: 'VANTHU_STAGE' },
  jwtIssuer: { context: 'jwtIssuer', env: 'VANTHU_JWT_ISSUER' },
  jwtAudience: { context: 'jwtAudience', env: 'VANTHU_JWT_AUDIENCE' },
  portalOrigins: { context: 'portalOrigins', env: 'VANTHU_PORTAL_ORIGINS' },
  alarmEmail: { context: 'alarmEmail', env: 'VANTHU_ALARM_EMAIL' },
  alarmThresholds: { context: 'alarmThresholds', env: 'VANTHU_ALARM_THRESHOLDS' },
  logRetentionDays: { context: 'logRetentionDays', env: 'VANTHU_LOG_RETENTION_DAYS' },
  mailFrom: { context: 'mailFrom', env: 'VANTHU_MAIL_FROM' },
  mailIdentity: { context: 'mailIdentity', env: 'VANTHU_MAIL_IDENTITY' },
  axisEndpoint: { context: 'axisEndpoint', env: 'VANTHU_AXIS_ENDPOINT' },
  axisSystemId: { context: 'axisSystemId', env: 'VANTHU_AXIS_SYSTEM_ID' },
  axisSecretName: { context: 'axisSecretName', env: 'VANTHU_AXIS_SECRET_NAME' },
  signingPolicy: { context: 'signingPolicy', env: 'VANTHU_SIGNING_POLICY' },
  sealAgencies: { context: 'sealAgencies', env: 'VANTHU_SEAL_AGENCIES' },
  tsaUrl: { context: 'tsaUrl', env: 'VANTHU_TSA_URL' },
  cognitoDomainPrefix: { context: 'cognitoDomainPrefix', env: 'VANTHU_COGNITO_DOMAIN_PREFIX' },
  portalDomain: { context: 'portalDomain', env: 'VANTHU_PORTAL_DOMAIN' },
  portalCertificateArn: { context: 'portalCertificateArn', env: 'VANTHU_PORTAL_CERTIFICATE_ARN' },
  backupRetentionDays: { context: 'backupRetentionDays', env: 'VANTHU_BACKUP_RETENTION_DAYS' },
  backupCopyVaultArn: { context: 'backupCopyVaultArn', env: 'VANTHU_BACKUP_COPY_VAULT_ARN' },
  backupCopyRetentionDays: { context: 'backupCopyRetentionDays', env: 'VANTHU_BACKUP_COPY_RETENTION_DAYS' },
  issuedRetentionYears: { context: 'issuedRetentionYears', env: 'VANTHU_ISSUED_RETENTION_YEARS' },
} as const;

type SettingName = keyof typeof sources;

/** A list setting: an array in cdk.json, or a comma-separated string on the command line. */
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter((item) => item !== ''));

/** A browser origin as CORS compares it: scheme, host and port, nothing after. */
const origin = z.url().refine((url) => URL.canParse(url) && new URL(url).origin === url, 'an origin is scheme://host[:port], no path');

const deployConfigSchema = z
  .object({
    /** Stage name, part of the stack names: `vanthu-<stage>-stateful`. */
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,15}$/, 'stage: lower-case letters, digits and dashes, at most 16')
      .default('dev'),
    /** OIDC issuer of portal tokens; absent: a Cognito user pool is created in the stateful stack. */
    jwtIssuer: z.url({ protocol: /^https$/ }).optional(),
    /** Accepted `aud` (or Cognito `client_id`) values; required with an external issuer. */
    jwtAudience: list.default([]),
    /** Browser origins of the portal: CORS of the API and of presigned uploads to the bucket. */
    portalOrigins: list.pipe(z.array(origin).min(1)).default(['http://localhost:5173']),
    /** Optional e-mail subscribed to the alarm topic. */
    alarmEmail: z.email().optional(),
    /** Thresholds of the stage's alarms (./monitoring-settings.ts), each with a default. */
    alarmThresholds: alarmThresholdsSetting,
    /** Days the functions' logs and the API's access logs are kept. */
    logRetentionDays: logRetentionSetting,
    /** Sender of reminder e-mails (SES); absent: reminders are readable in the app only. */
    mailFrom: z.email().optional(),
    /** The verified SES identity that sends (a domain or an address); default: the domain of mailFrom. */
    mailIdentity: z
      .string()
      .regex(/^([^@\s]+@)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'mailIdentity: a domain or an e-mail address verified in SES')
      .optional(),
    /** The national axis (VDXP) endpoint and this system's id there; absent: the axis functions are deployed unconfigured. */
    axisEndpoint: z.url({ protocol: /^https$/ }).optional(),
    axisSystemId: z.string().min(1).max(100).optional(),
    /** Name of the Secrets Manager secret holding this system's axis secret (read by the axis functions at run time). */
    axisSecretName: z.string().min(1).max(512).optional(),
    /** What issuing requires of signatures (the stage parameter signing/policy). */
    signingPolicy: z.enum(signaturePolicies).default('leader-and-agency'),
    /** Agencies (mã định danh, e.g. 000.00.00.H26) that seal what they issue: one KMS signing key each. */
    sealAgencies: list.pipe(z.array(z.string().regex(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/, 'sealAgencies: agency codes like 000.00.00.H26'))).default([]),
    /** An RFC 3161 time-stamping authority for the agency seal (and personal signatures). */
    tsaUrl: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Prefix of the built-in user pool's hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique
     * in the region across all accounts; default `vanthu-<stage>-<account id>`.
     */
    cognitoDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'cognitoDomainPrefix: lower-case letters, digits and dashes, at most 63')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'cognitoDomainPrefix: Cognito refuses a prefix containing aws, amazon or cognito')
      .optional(),
    /** The portal's own host name (`vanthu.hanoi.gov.vn`) on the CloudFront distribution; absent: its cloudfront.net address. */
    portalDomain: z
      .string()
      .regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'portalDomain: a host name such as vanthu.hanoi.gov.vn, no scheme or path')
      .optional(),
    /** The ACM certificate of portalDomain; CloudFront takes certificates from us-east-1 only. */
    portalCertificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
        'portalCertificateArn: an ACM certificate ARN in us-east-1 (CloudFront reads certificates there only)',
      )
      .optional(),
    /** Days each daily AWS Backup recovery point of the table and the file bucket is kept (docs/DEPLOY.md, Backups and retention). */
    backupRetentionDays: z.coerce.number().int('backupRetentionDays: whole days').min(7, 'backupRetentionDays: at least 7 days').default(35),
    /** An AWS Backup vault of another account and/or region that receives a copy of every recovery point; absent: no copy. */
    backupCopyVaultArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:backup:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$/,
        'backupCopyVaultArn: an AWS Backup vault ARN, arn:aws:backup:<region>:<account>:backup-vault:<name>',
      )
      .optional(),
    /** Days the copies are kept in backupCopyVaultArn; default: backupRetentionDays. */
    backupCopyRetentionDays: z.coerce.number().int('backupCopyRetentionDays: whole days').min(7, 'backupCopyRetentionDays: at least 7 days').optional(),
    /** Years an issued original stays under S3 Object Lock (governance mode), set by the application on each one. */
    issuedRetentionYears: z.coerce
      .number()
      .int('issuedRetentionYears: whole years')
      .min(1, 'issuedRetentionYears: at least 1 year')
      .max(100, 'issuedRetentionYears: at most 100 years (S3 Object Lock)')
      .default(10),
  })
  .refine((config) => config.mailIdentity === undefined || config.mailFrom !== undefined, {
    message: 'mailIdentity without mailFrom: set the sender address too',
    path: ['mailIdentity'],
  })
  .refine((config) => config.jwtIssuer === undefined || config.jwtAudience.length > 0, {
    message: 'jwtAudience is required when jwtIssuer is set',
    path: ['jwtAudience'],
  })
  .refine((config) => config.jwtIssuer !== undefined || config.jwtAudience.length === 0, {
    message: 'jwtAudience without jwtIssuer: the Cognito client is the audience of the built-in user pool',
    path: ['jwtAudience'],
  })
  .refine((config) => config.jwtIssuer === undefined || config.cognitoDomainPrefix === undefined, {
    message: 'cognitoDomainPrefix with jwtIssuer: there is no built-in user pool when an external issuer is configured',
    path: ['cognitoDomainPrefix'],
  })
  .refine((config) => (config.portalDomain === undefined) === (config.portalCertificateArn === undefined), {
    message: 'portalDomain and portalCertificateArn go together: the custom domain needs its certificate (ACM, us-east-1)',
    path: ['portalCertificateArn'],
  })
  .refine((config) => config.backupCopyRetentionDays === undefined || config.backupCopyVaultArn !== undefined, {
    message: 'backupCopyRetentionDays without backupCopyVaultArn: there is no copy to keep',
    path: ['backupCopyRetentionDays'],
  });

/** The axis settings of the stage, when configured (all three are needed). */
export function axisSettings(config: DeployConfig): { readonly endpoint: string; readonly systemId: string; readonly secretName: string } | undefined {
  if (config.axisEndpoint === undefined || config.axisSystemId === undefined || config.axisSecretName === undefined) return undefined;
  return { endpoint: config.axisEndpoint, systemId: config.axisSystemId, secretName: config.axisSecretName };
}

/**
 * The SES sender of the stage, if one is configured: the From address and the identity it is sent as.
 *
 * @example
 * mailSettings(readDeployConfig(app.node)); // { from: 'nhacviec@vanthu.hanoi.gov.vn', identity: 'vanthu.hanoi.gov.vn' }
 */
export function mailSettings(config: DeployConfig): { readonly from: string; readonly identity: string } | undefined {
  if (config.mailFrom === undefined) return undefined;
  return { from: config.mailFrom, identity: config.mailIdentity ?? config.mailFrom.slice(config.mailFrom.lastIndexOf('@') + 1) };
}

/** What the stage's backup plan keeps, and the copy of each recovery point elsewhere when one is configured. */
export interface BackupSettings {
  readonly retentionDays: number;
  readonly copy?: { readonly vaultArn: string; readonly retentionDays: number };
}

/**
 * The backup settings of the stage: copies are kept as long as the originals unless configured otherwise.
 *
 * @example
 * backupSettings(readDeployConfig(app.node)); // { retentionDays: 35, copy: { vaultArn: 'arn:aws:backup:…', retentionDays: 35 } }
 */
export function backupSettings(config: DeployConfig): BackupSettings {
  const retentionDays = config.backupRetentionDays;
  if (config.backupCopyVaultArn === undefined) return { retentionDays };
  return { retentionDays, copy: { vaultArn: config.backupCopyVaultArn, retentionDays: config.backupCopyRetentionDays ?? retentionDays } };
}

/**
 * The browser origins the API and the file bucket accept (CORS): the configured ones, and the portal's own
 * domain when one is configured. The distribution's cloudfront.net address cannot be added here: the API
 * would then depend on the distribution, whose Content-Security-Policy names the API (docs/DEPLOY.md, Portal).
 *
 * @example
 * browserOrigins({ ...config, portalDomain: 'vanthu.hanoi.gov.vn' }); // ['http://localhost:5173', 'https://vanthu.hanoi.gov.vn']
 */
export function browserOrigins(config: DeployConfig): readonly string[] {
  const own = config.portalDomain === undefined ? [] : [`https://${config.portalDomain}`];
  return [...new Set([...config.portalOrigins, ...own])];
}
