import { describe, expect, it } from 'vitest';
import { env } from '#infra/definitions';
import { fixtureDefinitions } from './fixture.ts';
import { functionNamed } from './lookup.ts';
import { synthesizeSystem } from './synth.ts';
import { isRecord, prop, references } from './template.ts';

// Prepare (shared): the app with the fixture's functions (table readers and functions without the table).
const fixture = synthesizeSystem({ definitions: fixtureDefinitions });
const deployed = fixtureDefinitions.functions.filter((definition) => definition.localOnly !== true);

describe(`the page token key (${env.pageTokenKey})`, () => {
  it('the fixture has functions with and without the table', () => {
    expect(deployed.some((definition) => definition.access.table !== undefined)).toBe(true);
    expect(deployed.some((definition) => definition.access.table === undefined)).toBe(true);
  });

  it.each(deployed.map((definition) => [definition.name, definition.access.table !== undefined] as const))(
    '%s: gets the key resolved from a generated secret at deploy time, never a literal (reads the table: %s)',
    (name, readsTable) => {
      // Act
      const fn = functionNamed(fixture.templates, name);
      if (fn === undefined) throw new Error(`function ${name} not deployed`);
      const value = (prop(fn.resource, 'Environment', 'Variables') as Record<string, unknown>)[env.pageTokenKey];
      // Assess
      if (!readsTable) {
        expect(value).toBeUndefined();
        return;
      }
      expect(typeof value).not.toBe('string');
      const join = isRecord(value) ? value['Fn::Join'] : undefined;
      expect(JSON.stringify(join)).toMatch(/^\[\s*"",\s*\[\s*"\{\{resolve:secretsmanager:"/);
      const secrets = references(fixture.templates, fn.stack, value).filter((target) => target.resource.Type === 'AWS::SecretsManager::Secret');
      expect(secrets).toHaveLength(1);
      const secret = secrets[0]?.resource;
      expect(secret === undefined ? undefined : prop(secret, 'GenerateSecretString', 'PasswordLength')).toBeGreaterThanOrEqual(32);
    },
  );
});
