import { describe, expect, it } from 'vitest';
import { env } from '#infra/definitions';
import { systemDefinitions } from '#infra/stacks/system';
import { actionsOn, functionNamed, grantsOf } from './lookup.ts';
import { synthesizeSystem } from './synth.ts';
import { prop, resources } from './template.ts';

/**
 * Signing in a synthesized stage (docs/DEPLOY.md, "Signing"): one KMS signing key per sealing agency, the
 * stage parameters the stack writes, and grants that follow each function's `access.signing` — kms:Sign for
 * the issue only, the remote signer's secret for prepare and complete only, the axis secret by name only.
 */
const system = synthesizeSystem({
  context: {
    stage: 'prod',
    sealAgencies: '000.00.00.H26,000.00.91.H26',
    tsaUrl: 'https://tsa.example.vn/tsa',
    axisEndpoint: 'https://axis.example.vn',
    axisSystemId: 'vanthu-hanoi',
    axisSecretName: 'vanthu/prod/axis',
  },
});
const deployed = systemDefinitions.functions.filter((definition) => definition.localOnly !== true);

describe('signing in a synthesized stage', () => {
  it('creates one retained RSA-2048 signing key per sealing agency, and the policy and TSA parameters', () => {
    // Act
    const keys = resources(system.templates, 'AWS::KMS::Key').filter((key) => prop(key.resource, 'KeyUsage') === 'SIGN_VERIFY');
    const parameters = resources(system.templates, 'AWS::SSM::Parameter').map((p) => [prop(p.resource, 'Name'), prop(p.resource, 'Value')]);
    // Assess
    expect(keys.map((key) => [prop(key.resource, 'KeySpec'), key.resource.DeletionPolicy])).toEqual([
      ['RSA_2048', 'Retain'],
      ['RSA_2048', 'Retain'],
    ]);
    expect(parameters).toEqual(
      expect.arrayContaining([
        ['/vanthu/prod/signing/policy', 'leader-and-agency'],
        ['/vanthu/prod/signing/tsa-url', 'https://tsa.example.vn/tsa'],
      ]),
    );
  });

  it('expires prepared signatures (signing/) two days after they were made: a session lasts 15 minutes', () => {
    // Act
    const rules = resources(system.templates, 'AWS::S3::Bucket').flatMap((b) => (prop(b.resource, 'LifecycleConfiguration', 'Rules') ?? []) as Record<string, unknown>[]);
    // Assess
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'signing/', ExpirationInDays: 2, Status: 'Enabled' }));
  });

  it.each(deployed.map((definition) => [definition.name, definition] as const))('%s: kms:Sign and the signing secret only as access.signing says', (name, definition) => {
    // Act
    const fn = functionNamed(system.templates, name);
    if (fn === undefined) throw new Error(`${name} is not deployed`);
    const kms = actionsOn(system.templates, fn, 'kms');
    const secrets = grantsOf(system.templates, fn)
      .filter(({ actions }) => actions.includes('secretsmanager:GetSecretValue'))
      .map(({ resources: on }) => JSON.stringify(on));
    const variables = Object.keys((prop(fn.resource, 'Environment', 'Variables') ?? {}) as Record<string, unknown>);
    // Assess
    expect(kms.has('kms:Sign'), name).toBe(definition.access.signing === 'seal');
    expect(
      secrets.some((s) => s.includes('signing/*')),
      name,
    ).toBe(definition.access.signing === 'personal');
    expect(variables.includes(env.configPath), name).toBe(definition.access.signing !== undefined);
    expect(variables.includes('AXIS_SECRET'), name).toBe(false);
    expect(variables.includes(env.axisSecretId), name).toBe(definition.access.axis === true);
  });
});
