import { describe, expect, it } from 'vitest';
import { synthesizeSystem } from './synth.ts';
import { asList, isRecord, prop, resources, type Located } from './template.ts';

// Prepare (shared): the default stage, whose API trusts the built-in Cognito user pool.
const system = synthesizeSystem();

describe('the portal user pool', () => {
  it('keeps custom:organId immutable, so no token can move a user to another agency', () => {
    // Act
    const organId = asList(prop(only('AWS::Cognito::UserPool').resource, 'Schema')).find((entry) => isRecord(entry) && entry['Name'] === 'organId');
    // Assess
    expect(organId).toMatchObject({ AttributeDataType: 'String', Mutable: false });
  });

  it('lets the portal client write locale only: not the name, the e-mail or the agency', () => {
    // Act
    const writable = asList(prop(only('AWS::Cognito::UserPoolClient').resource, 'WriteAttributes'));
    // Assess: an absent or empty list would mean every standard attribute
    expect(writable).toEqual(['locale']);
    expect(writable).not.toContain('name');
    expect(writable).not.toContain('email');
    expect(writable).not.toContain('custom:organId');
  });

  it('requires a TOTP second factor of every user, without SMS', () => {
    // Act
    const pool = only('AWS::Cognito::UserPool').resource;
    // Assess
    expect(prop(pool, 'MfaConfiguration')).toBe('ON');
    expect(prop(pool, 'EnabledMfas')).toEqual(['SOFTWARE_TOKEN_MFA']);
  });
});

function only(type: string): Located {
  const found = resources(system.templates, type);
  expect(found).toHaveLength(1);
  const [first] = found;
  if (first === undefined) throw new Error(`no ${type}`);
  return first;
}
