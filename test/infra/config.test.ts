import { describe, expect, it } from 'vitest';
import { DeployConfigError, readDeployConfig, type ContextReader } from '#infra/stacks/config';

const context = (values: Record<string, unknown>): ContextReader => ({ tryGetContext: (key) => values[key] });

describe('readDeployConfig', () => {
  it('defaults to the dev stage, a built-in user pool and the local portal origin', () => {
    // Act
    const config = readDeployConfig(context({}), {});
    // Assess
    expect(config).toEqual({ stage: 'dev', jwtAudience: [], portalOrigins: ['http://localhost:5173'], signingPolicy: 'leader-and-agency', sealAgencies: [] });
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
