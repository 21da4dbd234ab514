import { describe, expect, it } from 'vitest';
import { backupSettings, DeployConfigError, readDeployConfig, type ContextReader } from '#infra/stacks/config';
import { oldestMessageSeconds } from '#infra/stacks/monitoring-settings';

const context = (values: Record<string, unknown>): ContextReader => ({ tryGetContext: (key) => values[key] });

describe('readDeployConfig', () => {
  it('defaults to the dev stage, a built-in user pool and the local portal origin', () => {
    // Act
    const config = readDeployConfig(context({}), {});
    // Assess
    expect(config).toEqual({
      stage: 'dev',
      jwtAudience: [],
      portalOrigins: ['http://localhost:5173'],
      signingPolicy: 'leader-and-agency',
      sealAgencies: [],
      alarmThresholds: {
        functionErrors: 0,
        functionThrottles: 0,
        api5xx: 5,
        apiLatencyP99Ms: 5000,
        tableThrottles: 10,
        queueOldestMessageSeconds: 900,
        queueOldestMessageSecondsByQueue: {},
        evaluationPeriods: 1,
      },
      logRetentionDays: 365,
      backupRetentionDays: 35,
      issuedRetentionYears: 10,
    });
  });

  it('reads the agencies that seal and refuses a code that is not one', () => {
    // Act
    const config = readDeployConfig(context({ sealAgencies: '000.00.00.H26, 000.00.91.H26', tsaUrl: 'https://tsa.example.vn/tsa' }), {});
    const refused = () => readDeployConfig(context({ sealAgencies: 'Sở Nội vụ' }), {});
    // Assess
    expect(config.sealAgencies).toEqual(['000.00.00.H26', '000.00.91.H26']);
    expect(config.tsaUrl).toBe('https://tsa.example.vn/tsa');
    expect(refused).toThrow(/sealAgencies/);
  });

  it('reads comma-separated lists from the command line and arrays from cdk.json', () => {
    // Act
    const fromCli = readDeployConfig(context({ jwtIssuer: 'https://id.example.vn', jwtAudience: 'a, b', portalOrigins: 'https://x.vn,https://y.vn' }), {});
    const fromJson = readDeployConfig(context({ jwtIssuer: 'https://id.example.vn', jwtAudience: ['a', 'b'] }), {});
    // Assess
    expect(fromCli.jwtAudience).toEqual(['a', 'b']);
    expect(fromCli.portalOrigins).toEqual(['https://x.vn', 'https://y.vn']);
    expect(fromJson.jwtAudience).toEqual(['a', 'b']);
  });

  it('falls back to VANTHU_* variables, context winning', () => {
    // Act
    const config = readDeployConfig(context({ stage: 'test' }), { VANTHU_STAGE: 'prod', VANTHU_ALARM_EMAIL: 'ops@example.vn' });
    // Assess
    expect(config.stage).toBe('test');
    expect(config.alarmEmail).toBe('ops@example.vn');
  });

  it.each([
    ['an issuer without audience', { jwtIssuer: 'https://id.example.vn' }, 'jwtAudience'],
    ['an audience without issuer', { jwtAudience: 'portal' }, 'jwtAudience'],
    ['a plain-HTTP issuer', { jwtIssuer: 'http://id.example.vn', jwtAudience: 'portal' }, 'jwtIssuer'],
    ['a stage that cannot name a stack', { stage: 'Prod_1' }, 'stage'],
    ['an origin that is not a URL', { portalOrigins: 'portal.example.vn' }, 'portalOrigins'],
    ['an origin with a path', { portalOrigins: 'https://portal.example.vn/app' }, 'portalOrigins'],
  ])('rejects %s', (_case, values, field) => {
    // Act
    const read = () => readDeployConfig(context(values), {});
    // Assess
    expect(read).toThrow(DeployConfigError);
    expect(read).toThrow(field);
  });
});

describe('backup and retention settings', () => {
  const copyVaultArn = 'arn:aws:backup:ap-southeast-1:111122223333:backup-vault:vanthu-copies';

  it('keep daily backups 35 days, no copy, and lock issued originals 10 years by default', () => {
    // Act
    const config = readDeployConfig(context({}), {});
    // Assess
    expect(backupSettings(config)).toEqual({ retentionDays: 35 });
    expect(config.issuedRetentionYears).toBe(10);
  });

  it('read numbers from the command line and cdk.json, and VANTHU_* variables', () => {
    // Act
    const fromCli = readDeployConfig(context({ backupRetentionDays: '90', backupCopyVaultArn: copyVaultArn, backupCopyRetentionDays: '365', issuedRetentionYears: '20' }), {});
    const fromJson = readDeployConfig(context({ backupRetentionDays: 60, issuedRetentionYears: 100 }), {});
    const fromEnvironment = readDeployConfig(context({}), { VANTHU_BACKUP_RETENTION_DAYS: '14', VANTHU_BACKUP_COPY_VAULT_ARN: copyVaultArn, VANTHU_ISSUED_RETENTION_YEARS: '1' });
    // Assess
    expect(backupSettings(fromCli)).toEqual({ retentionDays: 90, copy: { vaultArn: copyVaultArn, retentionDays: 365 } });
    expect(fromCli.issuedRetentionYears).toBe(20);
    expect(fromJson.backupRetentionDays).toBe(60);
    expect(fromJson.issuedRetentionYears).toBe(100);
    expect(backupSettings(fromEnvironment)).toEqual({ retentionDays: 14, copy: { vaultArn: copyVaultArn, retentionDays: 14 } });
    expect(fromEnvironment.issuedRetentionYears).toBe(1);
  });

  it.each([
    ['a retention under a week', { backupRetentionDays: '6' }, 'backupRetentionDays'],
    ['a retention that is not a number', { backupRetentionDays: 'a month' }, 'backupRetentionDays'],
    ['a retention in fractions of a day', { backupRetentionDays: '35.5' }, 'backupRetentionDays'],
    ['a copy retention under a week', { backupCopyVaultArn: copyVaultArn, backupCopyRetentionDays: '3' }, 'backupCopyRetentionDays'],
    ['a copy retention without a copy vault', { backupCopyRetentionDays: '90' }, 'backupCopyRetentionDays'],
    ['a copy vault given by name', { backupCopyVaultArn: 'vanthu-copies' }, 'backupCopyVaultArn'],
    ['a copy vault ARN of another service', { backupCopyVaultArn: 'arn:aws:s3:::vanthu-copies' }, 'backupCopyVaultArn'],
    ['an Object Lock retention of 0 years', { issuedRetentionYears: '0' }, 'issuedRetentionYears'],
    ['an Object Lock retention over 100 years', { issuedRetentionYears: '101' }, 'issuedRetentionYears'],
  ])('reject %s', (_case, values, field) => {
    // Act
    const read = () => readDeployConfig(context(values), {});
    // Assess
    expect(read).toThrow(DeployConfigError);
    expect(read).toThrow(field);
  });
});

describe('alarm thresholds and log retention', () => {
  it('read the thresholds as an object from cdk.json, keeping the defaults of the keys not set', () => {
    // Act
    const config = readDeployConfig(context({ alarmThresholds: { api5xx: 20, queueOldestMessageSecondsByQueue: { webhookOutbox: 3600 } } }), {});
    // Assess
    expect(config.alarmThresholds).toMatchObject({ api5xx: 20, functionErrors: 0, queueOldestMessageSeconds: 900, queueOldestMessageSecondsByQueue: { webhookOutbox: 3600 } });
    expect(oldestMessageSeconds(config.alarmThresholds, 'webhookOutbox')).toBe(3600);
    expect(oldestMessageSeconds(config.alarmThresholds, 'axisOutbox')).toBe(900);
  });

  it('read the thresholds as JSON text from the command line and VANTHU_ALARM_THRESHOLDS, context winning', () => {
    // Act
    const fromCli = readDeployConfig(context({ alarmThresholds: '{"apiLatencyP99Ms": 8000, "evaluationPeriods": 3}' }), { VANTHU_ALARM_THRESHOLDS: '{"api5xx": 1}' });
    const fromEnvironment = readDeployConfig(context({}), { VANTHU_ALARM_THRESHOLDS: '{"functionErrors": 2, "tableThrottles": 0}' });
    // Assess
    expect(fromCli.alarmThresholds).toMatchObject({ apiLatencyP99Ms: 8000, evaluationPeriods: 3, api5xx: 5 });
    expect(fromEnvironment.alarmThresholds).toMatchObject({ functionErrors: 2, tableThrottles: 0 });
  });

  it('keep logs a year by default, and read another period CloudWatch Logs offers from any source', () => {
    // Act
    const byDefault = readDeployConfig(context({}), {});
    const fromCli = readDeployConfig(context({ logRetentionDays: '1827' }), {});
    const fromJson = readDeployConfig(context({ logRetentionDays: 3653 }), {});
    const fromEnvironment = readDeployConfig(context({}), { VANTHU_LOG_RETENTION_DAYS: '90' });
    // Assess
    expect(byDefault.logRetentionDays).toBe(365);
    expect(fromCli.logRetentionDays).toBe(1827);
    expect(fromJson.logRetentionDays).toBe(3653);
    expect(fromEnvironment.logRetentionDays).toBe(90);
  });

  it.each([
    ['an unknown threshold, naming the known ones', { alarmThresholds: { functionError: 1 } }, /unknown functionError; the thresholds are functionErrors, /],
    ['a threshold that is not JSON', { alarmThresholds: '{api5xx: 1}' }, /alarmThresholds: not JSON/],
    ['a negative count', { alarmThresholds: { api5xx: -1 } }, /api5xx: 0 or more/],
    ['a count in a string', { alarmThresholds: { tableThrottles: '3' } }, /tableThrottles: a number/],
    ['a latency of 0 ms', { alarmThresholds: { apiLatencyP99Ms: 0 } }, /apiLatencyP99Ms: more than 0 ms/],
    ['a latency an HTTP API never reaches', { alarmThresholds: { apiLatencyP99Ms: 60_000 } }, /apiLatencyP99Ms: at most 30000 ms/],
    ['an override of a queue that does not exist', { alarmThresholds: { queueOldestMessageSecondsByQueue: { outbox: 60 } } }, /outbox/],
    ['a message age beyond what SQS keeps', { alarmThresholds: { queueOldestMessageSeconds: 15 * 24 * 3600 } }, /SQS keeps a message 14 days at most/],
    ['no evaluation period', { alarmThresholds: { evaluationPeriods: 0 } }, /evaluationPeriods: at least 1/],
    ['a retention CloudWatch Logs does not offer', { logRetentionDays: 100 }, /logRetentionDays: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400/],
    ['logs kept forever', { logRetentionDays: 9999 }, /logRetentionDays: one of/],
    ['a retention that is not a number', { logRetentionDays: 'a year' }, /logRetentionDays/],
  ])('rejects %s', (_case, values, message) => {
    // Act
    const read = () => readDeployConfig(context(values), {});
    // Assess
    expect(read).toThrow(DeployConfigError);
    expect(read).toThrow(message);
  });
});
