import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readDeployConfig, type DeployConfig } from '#infra/stacks/config';
import { systemDefinitions, type SystemDefinitions } from '#infra/stacks/system';
import { defineVanthu } from '#infra/stacks/vanthu';
import type { CfnTemplate, Templates } from './template.ts';

export interface SynthOptions {
  /** Default: infra/definitions.ts. */
  readonly definitions?: SystemDefinitions;
  /** Context on top of cdk.json's (e.g. `{ jwtIssuer: ... }`). */
  readonly context?: Record<string, unknown>;
}

export interface SynthesizedSystem {
  readonly config: DeployConfig;
  readonly stateful: Template;
  readonly stateless: Template;
  /** Both templates by stack name, for the generic rules. */
  readonly templates: Templates;
}

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Synthesizes the app in-process as `cdk synth` would (cdk.json's context, feature flags included) but
 * with bundling skipped, so a synth takes seconds. Handler files may not exist yet and are not under test
 * here: the functions point at stub entries in a temporary source root, removed after synthesis.
 *
 * @example
 * const { stateless, templates } = synthesizeSystem();
 */
export function synthesizeSystem(options: SynthOptions = {}): SynthesizedSystem {
  const definitions = options.definitions ?? systemDefinitions;
  const workDir = mkdtempSync(path.join(tmpdir(), 'vanthu-infra-test-'));
  try {
    const sourceRoot = stubSourceRoot(path.join(workDir, 'src'), definitions);
    const app = new App({
      outdir: path.join(workDir, 'cdk.out'),
      context: { ...cdkJsonContext(), ...options.context, 'aws:cdk:bundling-stacks': [] },
    });
    const config = readDeployConfig(app.node, {});
    const stacks = defineVanthu(app, { config, definitions, sourceRoot });
    const stateful = Template.fromStack(stacks.stateful);
    const stateless = Template.fromStack(stacks.stateless);
    const templates: Templates = new Map<string, CfnTemplate>([
      [stacks.stateful.stackName, stateful.toJSON() as CfnTemplate],
      [stacks.stateless.stackName, stateless.toJSON() as CfnTemplate],
    ]);
    return { config, stateful, stateless, templates };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
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
  return root;
}
