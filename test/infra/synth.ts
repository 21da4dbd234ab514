import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readDeployConfig, type DeployConfig } from '#infra/stacks/config';
import { checkWithNag, type NagOutcome } from '#infra/stacks/nag';
import { systemDefinitions, type SystemDefinitions } from '#infra/stacks/system';
import { defineVanthu } from '#infra/stacks/vanthu';
import type { CfnTemplate, Templates } from './template.ts';

export interface SynthOptions {
  /** Default: infra/definitions.ts. */
  readonly definitions?: SystemDefinitions;
  /** Context on top of cdk.json's (e.g. `{ jwtIssuer: ... }`). */
  readonly context?: Record<string, unknown>;
  /** Runs cdk-nag's AwsSolutions pack as `cdk synth -c nag=true` does, and returns what it still finds. */
  readonly nag?: boolean;
}

export interface SynthesizedSystem {
  readonly config: DeployConfig;
  readonly stateful: Template;
  readonly stateless: Template;
  /** The nested stacks of the stateless stack's areas by construct id (`Documents`, `Workers`). */
  readonly nested: ReadonlyMap<string, Template>;
  /** The portal's nested stack of the stateless stack (bucket, CloudFront, Cognito client). */
  readonly portal: Template;
  /** The `config.json` staged for the portal's deployment, deploy-time values as `<<marker:…>>`; undefined when none is written. */
  readonly portalConfig: unknown;
  /** Every template (top-level by stack name, nested by construct path), for the generic rules. */
  readonly templates: Templates;
  /** With `nag`: what cdk-nag found during the synth, acknowledged (infra/stacks/nag.ts) or left. */
  readonly nag?: NagOutcome;
}

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Synthesizes the app in-process as `cdk synth` would (cdk.json's context, feature flags included) but
 * with bundling skipped, so a synth takes seconds. Handler files may not exist yet and are not under test
 * here: the functions point at stub entries in a temporary source root, removed after synthesis, and the
 * portal's build is a stub page there too (a synth of the real app needs `npm run build:portal`).
 *
 * @example
 * const { stateless, nested, templates } = synthesizeSystem();
 */
export function synthesizeSystem(options: SynthOptions = {}): SynthesizedSystem {
  const definitions = options.definitions ?? systemDefinitions;
  const workDir = mkdtempSync(path.join(tmpdir(), 'vanthu-infra-test-'));
  try {
    const sourceRoot = stubSourceRoot(path.join(workDir, 'src'), definitions);
    const app = new App({
      outdir: path.join(workDir, 'cdk.out'),
      // CDK's built-in template validation only warns, and takes most of a synth's time; `cdk synth` still runs it.
      builtinCloudFormationValidation: false,
      // With nag, findings are returned to the test rather than thrown by the synth.
      context: { ...cdkJsonContext(), ...options.context, 'aws:cdk:bundling-stacks': [], ...(options.nag === true ? { '@aws-cdk/core:failSynthOnValidationErrors': false } : {}) },
    });
    const config = readDeployConfig(app.node, {});
    const stacks = defineVanthu(app, { config, definitions, sourceRoot });
    const checks = options.nag === true ? checkWithNag(app, stacks) : undefined;
    const assembly = app.synth();
    const read = (stack: Stack): CfnTemplate =>
      stack instanceof NestedStack
        ? (JSON.parse(readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8')) as CfnTemplate)
        : (assembly.getStackArtifact(stack.artifactId).template as CfnTemplate);
    const templates = new Map<string, CfnTemplate>();
    for (const stack of [stacks.stateful, stacks.stateless]) templates.set(stack.stackName, read(stack));
    for (const nested of [...stacks.stateless.areas, stacks.stateless.portal]) {
      const parent = stacks.stateless;
      const resource = nested.nestedStackResource;
      if (resource === undefined) throw new Error(`${nested.node.path}: no nested stack resource`);
      templates.set(nested.node.path, { ...read(nested), nestedIn: { stack: parent.stackName, id: parent.resolve(resource.logicalId) as string } });
    }
    const template = (name: string): Template => {
      const found = templates.get(name);
      if (found === undefined) throw new Error(`no template ${name}`);
      const { nestedIn: _link, ...json } = found;
      return Template.fromJSON(json);
    };
    return {
      config,
      stateful: template(stacks.stateful.stackName),
      stateless: template(stacks.stateless.stackName),
      nested: new Map(stacks.stateless.areas.map((area) => [area.node.id, template(area.node.path)])),
      portal: template(stacks.stateless.portal.node.path),
      portalConfig: stagedPortalConfig(assembly.directory),
      templates,
      ...(checks === undefined ? {} : { nag: ranDuringSynth(checks.outcome) }),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The one config.json among the staged assets (Source.jsonData stages it in a directory of its own). */
function stagedPortalConfig(directory: string): unknown {
  const found = readdirSync(directory)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => path.join(directory, name, 'config.json'))
    .filter((file) => existsSync(file));
  if (found.length > 1) throw new Error(`several config.json staged: ${found.join(', ')}`);
  const [file] = found;
  return file === undefined ? undefined : JSON.parse(readFileSync(file, 'utf8'));
}

function ranDuringSynth(outcome: NagOutcome | undefined): NagOutcome {
  if (outcome === undefined) throw new Error('cdk-nag did not run during the synth');
  return outcome;
}

/** A deep copy, to mutate in tests that prove a rule can fail. */
export function cloneTemplates(templates: Templates): Map<string, CfnTemplate> {
  return new Map([...templates].map(([name, template]) => [name, structuredClone(template)]));
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson: unknown = JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8'));
  const context = (cdkJson as { context?: Record<string, unknown> }).context;
  return context ?? {};
}

function stubSourceRoot(root: string, definitions: SystemDefinitions): string {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  for (const definition of definitions.functions) {
    const entry = path.join(root, definition.entry);
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(entry, 'export const handler = async () => ({});\n');
  }
  const portal = path.join(root, 'portal', 'dist');
  mkdirSync(path.join(portal, 'assets'), { recursive: true });
  writeFileSync(path.join(portal, 'index.html'), '<!doctype html><script type="module" src="/assets/index-stub.js"></script>\n');
  writeFileSync(path.join(portal, 'assets', 'index-stub.js'), 'export {};\n');
  return root;
}
