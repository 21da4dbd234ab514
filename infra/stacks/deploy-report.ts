import * as z from 'zod';
import { axisSettings, backupSettings, browserOrigins, DeployConfigError, mailSettings, type DeployConfig } from './config.ts';

/**
 * How an item of the first deployment stands: `set` in the configuration or done (✓), `todo` for the
 * operator, or optional and absent (!), `blocking` the deployment (✗).
 */
export type ItemStatus = 'set' | 'todo' | 'blocking';

/** One line of the report: what the item is and whether it is set, or what to do. */
export interface ReportItem {
  readonly status: ItemStatus;
  readonly topic: string;
  readonly detail: string;
}

/** What the check knows beside the configuration: the working tree and the shell's account and region. */
export interface DeployFacts {
  /** portal/dist holds a build (`npm run build:portal`): the synth needs it. */
  readonly portalBuilt: boolean;
  readonly account?: string;
  readonly region?: string;
}

/**
 * What a first deployment of the stage needs from the operator, item by item: what the configuration sets,
 * what it leaves out (optional: a warning), and the steps no synth can do (bootstrap, secrets, identities,
 * certificates, subscriptions). Nothing here calls AWS: steps that need an account are listed, not checked.
 *
 * @example
 * const items = deployReport(readDeployConfig(app.node), { portalBuilt: existsSync('portal/dist/index.html') });
 * console.log(formatReport(items));
 */
export function deployReport(config: DeployConfig, facts: DeployFacts): readonly ReportItem[] {
  const account = facts.account ?? '<account>';
  const region = facts.region ?? '<region>';
  const where = facts.account !== undefined && facts.region !== undefined ? `aws://${facts.account}/${facts.region}` : 'aws://<account>/<region>';
  return [
    todo('CDK bootstrap', `once per account and region, before the first deployment: npx cdk bootstrap ${where} (not checked: it needs AWS)`),
    todo(
      'AWS Backup in the region',
      'once per account and region, S3 and DynamoDB opted in, DynamoDB with advanced backup (needed for copies): aws backup update-region-settings --resource-type-opt-in-preference S3=true,DynamoDB=true --resource-type-management-preference DynamoDB=true',
    ),
    facts.portalBuilt
      ? set('portal build', 'portal/dist is built (npm run build:portal again after a change to portal/)')
      : blocking('portal build', 'portal/dist is missing: npm run build:portal (the synth needs it)'),
    signIn(config, account, region),
    portalDomain(config),
    browserOriginsItem(config),
    axis(config),
    ...signing(config),
    config.tsaUrl === undefined
      ? todo('time-stamping authority', 'none: seals and signatures carry no signature timestamp (optional: tsaUrl, an RFC 3161 TSA)')
      : set('time-stamping authority', config.tsaUrl),
    mail(config),
    config.alarmEmail === undefined
      ? todo('alarm e-mail', 'none: alarms are seen in the CloudWatch console only (optional: alarmEmail)')
      : set('alarm e-mail', `${config.alarmEmail}: confirm the subscription in the message SNS sends after the deployment; until then no alarm reaches it`),
    ...backups(config),
    set(
      'Object Lock of issued originals',
      `${config.issuedRetentionYears} years in GOVERNANCE mode (issuedRetentionYears): only a principal allowed s3:BypassGovernanceRetention can shorten or lift it`,
    ),
    ...otherSettings(config),
  ];
}

/** The symbol of a status on a terminal. */
export const statusSymbol: Readonly<Record<ItemStatus, string>> = { set: '✓', todo: '!', blocking: '✗' };

/**
 * The items as text: one line each, `✓`, `!` or `✗`, the topic, then the detail.
 *
 * @example
 * formatReport([{ status: 'todo', topic: 'CDK bootstrap', detail: 'npx cdk bootstrap' }]); // '  ! CDK bootstrap: npx cdk bootstrap'
 */
export function formatReport(items: readonly ReportItem[]): string {
  return items.map((item) => `  ${statusSymbol[item.status]} ${item.topic}: ${item.detail}`).join('\n');
}

/**
 * Each problem of unusable settings on a line of its own, `setting: what is wrong`, from the validation
 * error `readDeployConfig` throws (any other error: its message).
 *
 * @example
 * configProblems(error); // ['backupRetentionDays: at least 7 days', 'jwtAudience is required when jwtIssuer is set']
 */
export function configProblems(error: unknown): readonly string[] {
  if (error instanceof DeployConfigError && error.cause instanceof z.ZodError) {
    return error.cause.issues.map((issue) => {
      const setting = issue.path.map(String).join('.');
      return setting === '' || issue.message.startsWith(setting) ? issue.message : `${setting}: ${issue.message}`;
    });
  }
  return [error instanceof Error ? error.message : String(error)];
}

function signIn(config: DeployConfig, account: string, region: string): ReportItem {
  if (config.jwtIssuer !== undefined) {
    return set(
      'sign-in',
      `external OIDC issuer ${config.jwtIssuer} (audience ${config.jwtAudience.join(', ')}): its client and the portal's config.json are the operator's (docs/DEPLOY.md, With an external OIDC issuer)`,
    );
  }
  const prefix = config.cognitoDomainPrefix ?? `vanthu-${config.stage}-${account}`;
  const chosen = config.cognitoDomainPrefix === undefined ? ' (default; cognitoDomainPrefix to choose one)' : '';
  return set('sign-in', `built-in Cognito user pool, hosted pages at https://${prefix}.auth.${region}.amazoncognito.com${chosen}; then groups and users (docs/DEPLOY.md, Portal)`);
}

function portalDomain(config: DeployConfig): ReportItem {
  if (config.portalDomain === undefined) {
    return todo('portal domain', 'none: the portal answers on its d….cloudfront.net address (optional: portalDomain and portalCertificateArn, an ACM certificate in us-east-1)');
  }
  return set(
    'portal domain',
    `https://${config.portalDomain} with ${config.portalCertificateArn ?? '?'}: after the deployment, a CNAME from ${config.portalDomain} to PortalDistributionDomain`,
  );
}

function browserOriginsItem(config: DeployConfig): ReportItem {
  const origins = browserOrigins(config);
  if (origins.some((origin) => origin.startsWith('https://'))) return set('browser origins', origins.join(', '));
  return todo(
    'browser origins',
    `${origins.join(', ')} only: after the first deployment add PortalUrl's origin to portalOrigins (-c portalOrigins=https://d….cloudfront.net) and deploy again, or set portalDomain`,
  );
}

function axis(config: DeployConfig): ReportItem {
  const settings = axisSettings(config);
  if (settings !== undefined) {
    return set(
      'national axis',
      `${settings.endpoint} as ${settings.systemId}; the secret ${settings.secretName} must exist before the first exchange: aws secretsmanager create-secret --name ${settings.secretName} --secret-string file://axis-secret.txt`,
    );
  }
  const given = (['axisEndpoint', 'axisSystemId', 'axisSecretName'] as const).filter((name) => config[name] !== undefined);
  const missing = (['axisEndpoint', 'axisSystemId', 'axisSecretName'] as const).filter((name) => config[name] === undefined);
  return given.length === 0
    ? todo('national axis', 'none: the axis functions are deployed unconfigured (optional: axisEndpoint, axisSystemId, axisSecretName)')
    : todo('national axis', `${given.join(', ')} set, ${missing.join(', ')} missing: the axis functions are deployed unconfigured until all three are set`);
}

function signing(config: DeployConfig): readonly ReportItem[] {
  const policy = `signingPolicy ${config.signingPolicy}`;
  const agencies = config.sealAgencies;
  const seals =
    agencies.length > 0
      ? set(
          'agency seals',
          `${agencies.join(', ')}: one KMS key each; after the deployment, per agency npx vanthu signing csr --stage ${config.stage} --agency <code> --subject "<name>", the CA's chain with npx vanthu signing install (docs/DEPLOY.md, Signing)`,
        )
      : config.signingPolicy === 'leader-and-agency'
        ? todo('agency seals', `none under ${policy}: no agency can issue until sealAgencies names it (docs/DEPLOY.md, Signing)`)
        : set('agency seals', `none needed under ${policy}`);
  const anchors =
    config.signingPolicy === 'none'
      ? set('trust anchors', `none needed under ${policy}`)
      : todo(
          'trust anchors',
          `after the deployment: npx vanthu signing trust-anchor --stage ${config.stage} --name <name> --file <root CA>.pem (without one, every signature is INDETERMINATE and nothing is issued under ${policy})`,
        );
  return [seals, anchors];
}

function mail(config: DeployConfig): ReportItem {
  const settings = mailSettings(config);
  if (settings === undefined) return todo('SES sender', 'none: reminders are read in the app only (optional: mailFrom, mailIdentity)');
  return set(
    'SES sender',
    `${settings.from} as ${settings.identity}: verify the identity (aws sesv2 create-email-identity --email-identity ${settings.identity}) and have the account leave the SES sandbox`,
  );
}

function backups(config: DeployConfig): readonly ReportItem[] {
  const { retentionDays, copy } = backupSettings(config);
  const plan = set('backups', `the table and the file bucket daily at 03:00 Asia/Ho_Chi_Minh, each recovery point kept ${retentionDays} days (backupRetentionDays)`);
  if (copy === undefined) return [plan, todo('backup copy', 'none: recovery points stay in this account and region (optional: backupCopyVaultArn)')];
  const [, , , copyRegion, copyAccount] = copy.vaultArn.split(':');
  return [
    plan,
    set(
      'backup copy',
      `to ${copy.vaultArn}, kept ${copy.retentionDays} days: that vault must exist; in another account its access policy must allow backup:CopyIntoBackupVault from this one, both accounts in one AWS Organization with cross-account backup on (account ${copyAccount ?? '?'}, region ${copyRegion ?? '?'})`,
    ),
  ];
}

/** The keys the items above report; any other setting (added later, alarm thresholds and the like) is listed as it is. */
const reported = new Set<string>([
  'stage',
  'jwtIssuer',
  'jwtAudience',
  'portalOrigins',
  'alarmEmail',
  'mailFrom',
  'mailIdentity',
  'axisEndpoint',
  'axisSystemId',
  'axisSecretName',
  'signingPolicy',
  'sealAgencies',
  'tsaUrl',
  'cognitoDomainPrefix',
  'portalDomain',
  'portalCertificateArn',
  'backupRetentionDays',
  'backupCopyVaultArn',
  'backupCopyRetentionDays',
  'issuedRetentionYears',
]);

function otherSettings(config: DeployConfig): readonly ReportItem[] {
  const others = Object.entries(config)
    .filter(([name]) => !reported.has(name))
    .flatMap(([name, value]) => settingValues(name, value));
  return others.length === 0 ? [] : [set('other settings', others.join(', '))];
}

/** `name=value`, lists comma-separated, objects flattened to `name.key=value`. */
function settingValues(name: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [`${name}=${value.join(',')}`];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => settingValues(`${name}.${key}`, inner));
  return [`${name}=${String(value)}`];
}

function set(topic: string, detail: string): ReportItem {
  return { status: 'set', topic, detail };
}

function todo(topic: string, detail: string): ReportItem {
  return { status: 'todo', topic, detail };
}

function blocking(topic: string, detail: string): ReportItem {
  return { status: 'blocking', topic, detail };
}
