import { describe, expect, it } from 'vitest';
import { readDeployConfig, type ContextReader, type DeployConfig } from '#infra/stacks/config';
import { configProblems, deployReport, formatReport, type ReportItem } from '#infra/stacks/deploy-report';

const context = (values: Record<string, unknown>): ContextReader => ({ tryGetContext: (key) => values[key] });
const configOf = (values: Record<string, unknown>): DeployConfig => readDeployConfig(context(values), {});
const built = { portalBuilt: true, account: '123456789012', region: 'ap-southeast-1' };

/** The item of a topic, which the report must have. */
function item(items: readonly ReportItem[], topic: string): ReportItem {
  const found = items.find((candidate) => candidate.topic === topic);
  if (found === undefined) throw new Error(`no item ${topic} in ${items.map((candidate) => candidate.topic).join(', ')}`);
  return found;
}

const fullStage = {
  stage: 'prod',
  portalDomain: 'vanthu.hanoi.gov.vn',
  portalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
  cognitoDomainPrefix: 'vanthu-hanoi',
  axisEndpoint: 'https://truc.example.vn/vdxp',
  axisSystemId: 'H26.VANTHU',
  axisSecretName: 'vanthu/prod/axis',
  sealAgencies: '000.00.00.H26,000.00.01.H26',
  tsaUrl: 'https://tsa.example.vn/tsa',
  mailFrom: 'nhacviec@vanthu.hanoi.gov.vn',
  alarmEmail: 'ops@hanoi.gov.vn',
  backupRetentionDays: '60',
  backupCopyVaultArn: 'arn:aws:backup:ap-southeast-2:111122223333:backup-vault:vanthu-copies',
  backupCopyRetentionDays: '365',
  issuedRetentionYears: '20',
};

describe('deployReport', () => {
  it('lists, for the default stage, what is set, the steps to do and the optional items left out, nothing blocking', () => {
    // Act
    const items = deployReport(configOf({}), built);
    // Assess: every item the report knows (settings added later come last, as "other settings")
    expect(items.filter((entry) => entry.topic !== 'other settings').map((entry) => [entry.topic, entry.status])).toEqual([
      ['CDK bootstrap', 'todo'],
      ['AWS Backup in the region', 'todo'],
      ['portal build', 'set'],
      ['sign-in', 'set'],
      ['portal domain', 'todo'],
      ['browser origins', 'todo'],
      ['national axis', 'todo'],
      ['agency seals', 'todo'],
      ['trust anchors', 'todo'],
      ['time-stamping authority', 'todo'],
      ['SES sender', 'todo'],
      ['alarm e-mail', 'todo'],
      ['backups', 'set'],
      ['backup copy', 'todo'],
      ['Object Lock of issued originals', 'set'],
    ]);
    expect(item(items, 'CDK bootstrap').detail).toContain('npx cdk bootstrap aws://123456789012/ap-southeast-1');
    expect(item(items, 'sign-in').detail).toContain('https://vanthu-dev-123456789012.auth.ap-southeast-1.amazoncognito.com');
    expect(item(items, 'backups').detail).toContain('kept 35 days');
    expect(item(items, 'Object Lock of issued originals').detail).toMatch(/^10 years in GOVERNANCE mode.*s3:BypassGovernanceRetention/);
  });

  it('blocks on a missing portal build, with the command that makes it', () => {
    // Act
    const portal = item(deployReport(configOf({}), { portalBuilt: false }), 'portal build');
    // Assess
    expect(portal).toEqual({ status: 'blocking', topic: 'portal build', detail: expect.stringContaining('npm run build:portal') });
  });

  it('names placeholders for the account and region it cannot know offline', () => {
    // Act
    const items = deployReport(configOf({}), { portalBuilt: true });
    // Assess
    expect(item(items, 'CDK bootstrap').detail).toContain('aws://<account>/<region>');
    expect(item(items, 'sign-in').detail).toContain('vanthu-dev-<account>.auth.<region>.amazoncognito.com');
  });

  it('marks every optional item set for a complete stage, each with the step that remains', () => {
    // Act
    const items = deployReport(configOf(fullStage), built);
    // Assess
    for (const topic of ['sign-in', 'portal domain', 'browser origins', 'national axis', 'agency seals', 'time-stamping authority', 'SES sender', 'alarm e-mail', 'backup copy']) {
      expect(item(items, topic).status, topic).toBe('set');
    }
    expect(item(items, 'sign-in').detail).toContain('https://vanthu-hanoi.auth.ap-southeast-1.amazoncognito.com');
    expect(item(items, 'portal domain').detail).toContain('CNAME from vanthu.hanoi.gov.vn to PortalDistributionDomain');
    expect(item(items, 'national axis').detail).toContain('aws secretsmanager create-secret --name vanthu/prod/axis');
    expect(item(items, 'agency seals').detail).toMatch(/^000\.00\.00\.H26, 000\.00\.01\.H26: .*npx vanthu signing csr --stage prod/);
    expect(item(items, 'trust anchors').detail).toContain('npx vanthu signing trust-anchor --stage prod');
    expect(item(items, 'SES sender').detail).toContain('aws sesv2 create-email-identity --email-identity vanthu.hanoi.gov.vn');
    expect(item(items, 'alarm e-mail').detail).toMatch(/^ops@hanoi\.gov\.vn: confirm the subscription/);
    expect(item(items, 'backups').detail).toContain('kept 60 days');
    expect(item(items, 'backup copy').detail).toMatch(/kept 365 days.*backup:CopyIntoBackupVault.*account 111122223333, region ap-southeast-2/);
    expect(item(items, 'Object Lock of issued originals').detail).toMatch(/^20 years/);
  });

  it('reports an external issuer with its audience', () => {
    // Act
    const signIn = item(deployReport(configOf({ jwtIssuer: 'https://id.example.vn/realms/hanoi', jwtAudience: 'portal,mobile' }), built), 'sign-in');
    // Assess
    expect(signIn).toMatchObject({ status: 'set', detail: expect.stringContaining('external OIDC issuer https://id.example.vn/realms/hanoi (audience portal, mobile)') });
  });

  it('says which axis settings are missing when only some are given', () => {
    // Act
    const axis = item(deployReport(configOf({ axisEndpoint: 'https://truc.example.vn/vdxp' }), built), 'national axis');
    // Assess
    expect(axis).toMatchObject({ status: 'todo', detail: expect.stringContaining('axisEndpoint set, axisSystemId, axisSecretName missing') });
  });

  it('needs no seal or trust anchor under a policy that does not ask for them', () => {
    // Act
    const items = deployReport(configOf({ signingPolicy: 'none' }), built);
    // Assess
    expect(item(items, 'agency seals').status).toBe('set');
    expect(item(items, 'trust anchors').status).toBe('set');
  });

  it('lists settings it has no item for as they are, so a setting added later is still shown', () => {
    // Prepare: settings the report does not know (a value, a list, thresholds as an object, one left unset)
    const config = { ...configOf({}), queueAgeMinutes: 30, quietHours: ['22', '6'], limits: { api5xx: 5, byQueue: {} }, unsetLater: undefined } as DeployConfig;
    // Act
    const others = item(deployReport(config, built), 'other settings');
    // Assess
    expect(others.status).toBe('set');
    expect(others.detail).toContain('queueAgeMinutes=30, quietHours=22,6, limits.api5xx=5');
    expect(others.detail).not.toMatch(/byQueue|unsetLater/);
  });
});

describe('formatReport', () => {
  it('writes one line per item with ✓, ! or ✗', () => {
    // Act
    const text = formatReport([
      { status: 'set', topic: 'backups', detail: 'daily' },
      { status: 'todo', topic: 'CDK bootstrap', detail: 'npx cdk bootstrap' },
      { status: 'blocking', topic: 'portal build', detail: 'npm run build:portal' },
    ]);
    // Assess
    expect(text.split('\n')).toEqual(['  ✓ backups: daily', '  ! CDK bootstrap: npx cdk bootstrap', '  ✗ portal build: npm run build:portal']);
  });
});

describe('configProblems', () => {
  it('gives each problem of the settings a line of its own, named by the setting', () => {
    // Prepare
    let thrown: unknown;
    try {
      configOf({ backupRetentionDays: '3', jwtIssuer: 'https://id.example.vn', stage: 'Prod' });
    } catch (error) {
      thrown = error;
    }
    // Act
    const problems = configProblems(thrown);
    // Assess
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^stage: /), 'backupRetentionDays: at least 7 days', 'jwtAudience is required when jwtIssuer is set']));
  });

  it('passes on the message of any other error', () => {
    // Act
    const problems = configProblems(new Error('cdk.json: unexpected token'));
    // Assess
    expect(problems).toEqual(['cdk.json: unexpected token']);
  });
});
