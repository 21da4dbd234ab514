/**
 * `npm run deploy:check [-- -c key=value …]`: before a first deployment of a stage, with the settings
 * `cdk deploy` would get (cdk.json's context, `-c key=value`, then the `VANTHU_*` environment, as
 * infra/bin/app.ts reads them): validates them, synthesizes the app in-process with cdk-nag's AwsSolutions
 * checks as `cdk synth -c nag=true` does (the same stacks, bundling and suppressions), and prints what the
 * operator still has to provide or do (infra/stacks/deploy-report.ts). Offline: nothing is deployed or read
 * from AWS. Exit 0 when the settings are valid and the synth is clean (optional items left out are warnings),
 * 1 on unusable settings, a blocking item, a synth error or a finding, 2 on a usage error.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { readDeployConfig, type DeployConfig } from '#infra/stacks/config';
import { configProblems, deployReport, formatReport, statusSymbol, type ReportItem } from '#infra/stacks/deploy-report';
import { checkWithNag } from '#infra/stacks/nag';
import { defineVanthu } from '#infra/stacks/vanthu';

const repositoryRoot = path.resolve(import.meta.dirname, '..');

const usage = 'usage: npm run deploy:check [-- -c key=value …]   (settings: docs/DEPLOY.md, Settings; also read from VANTHU_* variables)';

process.exitCode = main(process.argv.slice(2));

function main(args: readonly string[]): number {
  const cliContext = parseContext(args);
  if (typeof cliContext === 'string') {
    console.error(`${cliContext}\n${usage}`);
    return 2;
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'vanthu-deploy-check-'));
  try {
    const app = new App({
      outdir: path.join(workDir, 'cdk.out'),
      // The findings are read from the checks below rather than thrown by the synth.
      context: { ...cdkJsonContext(), ...cliContext, '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    let config: DeployConfig;
    try {
      config = readDeployConfig(app.node);
    } catch (error) {
      const problems = configProblems(error);
      console.log(`vanthu deploy:check: the settings are unusable (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'})\n`);
      console.log(problems.map((problem) => `  ${statusSymbol.blocking} ${problem}`).join('\n'));
      console.log('\nNot deployable: fix the settings above (docs/DEPLOY.md, Settings).');
      return 1;
    }
    const account = process.env['CDK_DEFAULT_ACCOUNT'];
    const region = process.env['CDK_DEFAULT_REGION'] ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
    const items = deployReport(config, {
      portalBuilt: existsSync(path.join(repositoryRoot, 'portal', 'dist', 'index.html')),
      ...(account === undefined ? {} : { account }),
      ...(region === undefined ? {} : { region }),
    });
    const synth = items.some((item) => item.topic === 'portal build' && item.status === 'blocking') ? notRun('portal/dist is missing') : synthesize(app, config);
    console.log(`\nvanthu deploy:check: what a first deployment of stage ${config.stage} needs from the operator\n`);
    console.log(formatReport([{ status: 'set', topic: 'settings', detail: 'valid (cdk.json, -c and VANTHU_* variables)' }, synth.item, ...items]));
    for (const line of synth.findings) console.log(`      ${line}`);
    return summary(items, synth.item);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface SynthOutcome {
  readonly item: ReportItem;
  /** One line per finding left after the suppressions, or per error of another validation. */
  readonly findings: readonly string[];
}

/** The app of infra/bin/app.ts, synthesized with cdk-nag's checks (infra/stacks/nag.ts) and CDK's own template validation. */
function synthesize(app: App, config: DeployConfig): SynthOutcome {
  const topic = 'synth and cdk-nag AwsSolutions';
  console.log(`Synthesizing vanthu-${config.stage} with cdk-nag (every function is bundled: a few minutes)…`);
  const stacks = defineVanthu(app, { config, env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] } });
  const checks = checkWithNag(app, stacks);
  let directory: string;
  try {
    directory = app.synth().directory;
  } catch (error) {
    return { item: { status: 'blocking', topic, detail: `the synth failed: ${error instanceof Error ? error.message : String(error)}` }, findings: [] };
  }
  const outcome = checks.outcome;
  if (outcome === undefined) return { item: { status: 'blocking', topic, detail: 'cdk-nag did not run during the synth' }, findings: [] };
  const findings = [
    ...outcome.report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity ?? 'error'} ${violation.ruleName} at ${resource.constructPath ?? resource.resourceLogicalId}`),
    ),
    ...otherValidationFailures(directory, checks.name),
  ];
  const stackNames = [stacks.stateful.stackName, stacks.stateless.stackName].join(', ');
  return findings.length === 0
    ? {
        item: {
          status: 'set',
          topic,
          detail: `${stackNames} synthesized; ${outcome.acknowledged.length} findings acknowledged with their reasons (infra/stacks/nag.ts), none left`,
        },
        findings,
      }
    : { item: { status: 'blocking', topic, detail: `${findings.length} unacknowledged (fix them, or accept one in infra/stacks/nag.ts with a true reason):` }, findings };
}

/** Failures of the synth's other validations (CloudFormation's template rules), from the report CDK writes. */
function otherValidationFailures(directory: string, nagPlugin: string): string[] {
  const file = path.join(directory, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports?: { summary?: { pluginName?: string; status?: string }; violations?: { ruleName?: string; description?: string; severity?: string }[] }[];
  };
  return (report.pluginReports ?? [])
    .filter((plugin) => plugin.summary?.pluginName !== nagPlugin && plugin.summary?.status === 'failure')
    .flatMap((plugin) =>
      (plugin.violations ?? [])
        .filter((violation) => violation.severity !== 'warning')
        .map((violation) => `${plugin.summary?.pluginName ?? '?'}: ${violation.ruleName ?? '?'} ${violation.description ?? ''}`.trim()),
    );
}

function notRun(reason: string): SynthOutcome {
  return { item: { status: 'blocking', topic: 'synth and cdk-nag AwsSolutions', detail: `not run: ${reason}` }, findings: [] };
}

/** Prints the verdict line and returns the exit code. */
function summary(items: readonly ReportItem[], synth: ReportItem): number {
  const all = [synth, ...items];
  const blocking = all.filter((item) => item.status === 'blocking').length;
  const todo = all.filter((item) => item.status === 'todo').length;
  const toDo = `${todo} ${todo === 1 ? 'item' : 'items'} to do or left out (${statusSymbol.todo})`;
  console.log(
    blocking === 0 ? `\nReady to deploy: settings valid, synth and cdk-nag clean; ${toDo}.` : `\nNot deployable: ${blocking} blocking (${statusSymbol.blocking}); ${toDo}.`,
  );
  return blocking === 0 ? 0 : 1;
}

/** `-c key=value`, `--context key=value` and `--context=key=value`, as the CDK CLI takes them; a message on anything else. */
function parseContext(args: readonly string[]): Record<string, string> | string {
  const context: Record<string, string> = {};
  const pending = [...args];
  while (pending.length > 0) {
    const arg = pending.shift() ?? '';
    const inline = /^--context=(.*)$/s.exec(arg)?.[1];
    if (inline === undefined && arg !== '-c' && arg !== '--context') return `unknown argument: ${arg}`;
    const pair = inline ?? pending.shift();
    const separator = pair?.indexOf('=') ?? -1;
    if (pair === undefined || separator <= 0) return `${arg} takes key=value, not ${pair ?? 'nothing'}`;
    context[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return context;
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
