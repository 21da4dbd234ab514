import { describe, expect, it } from 'vitest';
import { observabilityEnvironment } from '#infra/constructs/function';
import { env } from '#infra/definitions';
import { awsNameOf, functionEnvironment, type LocalResources } from '#infra/local/function-environment';
import { fixtureDefinitions } from './fixture.ts';
import { functionNamed } from './lookup.ts';
import { synthesizeSystem } from './synth.ts';
import { prop } from './template.ts';

/**
 * The local runtime gives each function the environment CDK gives it: the same variable names, from the
 * same definition (a local stand-in counts as the name it stands for: infra/local/function-environment.ts).
 * A grant the CDK side binds and the local side does not (or the reverse) fails here, not in AWS.
 */

// Prepare (shared): a stage with the axis and a mail sender configured, so every binding sets its variables.
const system = synthesizeSystem({
  definitions: fixtureDefinitions,
  context: { axisEndpoint: 'https://axis.example.vn', axisSystemId: 'vanthu-hanoi', axisSecretName: 'vanthu/axis', mailFrom: 'nhacviec@example.vn' },
});

const settings = { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:1' };
const resources: LocalResources = {
  tableName: 't',
  bucketName: 'b',
  queueUrls: { axisOutbox: 'q1', axisInbox: 'q2', fileUploaded: 'q3', webhookOutbox: 'q4', notifications: 'q5' },
  pageTokenKey: 'k',
  secretKey: 's',
  axis: { endpoint: 'e', systemId: 'i', secretId: 's' },
  configPath: '/c',
  mail: { from: 'f', outboxDir: 'o' },
  pdfFontDir: 'd',
  settings,
};
/**
 * Set by Lambda itself (AWS_LAMBDA_FUNCTION_NAME) or by the construct for every function (NODE_OPTIONS, and
 * the release, service, namespace and level of the logs, which the local runtime sets once for its process): not grants.
 */
const notGranted = new Set([
  ...Object.keys(settings),
  'AWS_LAMBDA_FUNCTION_NAME',
  'NODE_OPTIONS',
  ...Object.keys(observabilityEnvironment()),
  // AWS only: the local emulator has no S3 Object Lock, so the local runtime locks nothing (docs/OPERATIONS.md).
  env.issuedRetentionYears,
]);
const deployed = fixtureDefinitions.functions.filter((definition) => definition.localOnly !== true);

describe('the environment of each function, locally and in AWS', () => {
  it.each(deployed.map((definition) => [definition.name, definition] as const))('%s: the same variable names', (name, definition) => {
    // Act
    const local = Object.keys(functionEnvironment(definition, resources)).map(awsNameOf);
    const fn = functionNamed(system.templates, name);
    const deployedNames = Object.keys((fn === undefined ? {} : prop(fn.resource, 'Environment', 'Variables')) as Record<string, unknown>);
    // Assess
    expect(fn).toBeDefined();
    expect(new Set(local.filter((variable) => !notGranted.has(variable)))).toEqual(new Set(deployedNames.filter((variable) => !notGranted.has(variable))));
  });
});
