import { fileURLToPath } from 'node:url';
import type { App, Environment } from 'aws-cdk-lib';
import type { DeployConfig } from './config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { systemDefinitions, type SystemDefinitions } from './system.ts';

export interface VanthuOptions {
  readonly config: DeployConfig;
  /** Default: infra/definitions.ts. */
  readonly definitions?: SystemDefinitions;
  /** Repository root the function entries are relative to. Default: this repository. */
  readonly sourceRoot?: string;
  /** Account and region; default: environment-agnostic stacks. */
  readonly env?: Environment;
}

/** The two stacks of one stage. */
export interface VanthuStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Adds the stacks of one stage to an app: `vanthu-<stage>-stateful` (data, keys, queues, users) and
 * `vanthu-<stage>-stateless` (API, functions), split by lifecycle. The stateless stack receives the
 * stateful constructs directly; CDK turns the references into stack outputs and imports.
 *
 * @example
 * const app = new App();
 * defineVanthu(app, { config: readDeployConfig(app.node) });
 */
export function defineVanthu(app: App, options: VanthuOptions): VanthuStacks {
  const { config, env } = options;
  const definitions = options.definitions ?? systemDefinitions;
  const prefix = `vanthu-${config.stage}`;
  const description = (part: string): string => `vanthu (${config.stage}): ${part}`;
  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    env,
    config,
    definitions,
    description: description('table, bucket, queues, keys, users'),
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    env,
    config,
    definitions,
    resources: stateful.resources,
    sourceRoot: options.sourceRoot ?? repositoryRoot,
    description: description('API, functions, schedules'),
  });
  return { stateful, stateless };
}
