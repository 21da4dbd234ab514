import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `npm run deploy:check` as an operator runs it, with a clean environment (no VANTHU_* of the machine
 * running the tests). CDK's own template validation is switched off (CDK_VALIDATION=false): it doubles the
 * time of a synth and is CDK's, not the script's; cdk-nag and the bundling of every function still run.
 */
function deployCheck(args: readonly string[], environment: Record<string, string> = {}): Promise<Run> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', CDK_VALIDATION: 'false', ...environment };
  return new Promise((done) => {
    execFile(
      path.join(repositoryRoot, 'node_modules', '.bin', 'tsx'),
      ['scripts/deploy-check.ts', ...args],
      { cwd: repositoryRoot, env, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run deploy:check', () => {
  it('passes the default stage: valid settings, synth and cdk-nag clean, the operator steps listed', { timeout: 600_000 }, async () => {
    // Act
    const run = await deployCheck([]);
    // Assess
    expect(run.stdout).toContain('vanthu deploy:check: what a first deployment of stage dev needs from the operator');
    expect(run.stdout).toMatch(/^ {2}✓ settings: valid/m);
    expect(run.stdout).toMatch(/^ {2}✓ synth and cdk-nag AwsSolutions: vanthu-dev-stateful, vanthu-dev-stateless synthesized; \d+ findings acknowledged/m);
    expect(run.stdout).toMatch(/^ {2}! CDK bootstrap: .*npx cdk bootstrap/m);
    expect(run.stdout).toMatch(/^ {2}✓ portal build: /m);
    expect(run.stdout).toMatch(/^ {2}! backup copy: none/m);
    expect(run.stdout).toMatch(/^ {2}✓ Object Lock of issued originals: 10 years in GOVERNANCE mode/m);
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout).toMatch(/^Ready to deploy: settings valid, synth and cdk-nag clean; \d+ items to do or left out \(!\)\.$/m);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
  });

  it('refuses unusable settings, from -c and from VANTHU_* alike, each on a line of its own, without synthesizing', async () => {
    // Act
    const run = await deployCheck(['-c', 'backupRetentionDays=3', '--context=backupCopyVaultArn=vanthu-copies'], { VANTHU_ISSUED_RETENTION_YEARS: '0' });
    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the settings are unusable (3 problems)');
    expect(run.stdout).toMatch(/^ {2}✗ backupRetentionDays: at least 7 days$/m);
    expect(run.stdout).toMatch(/^ {2}✗ backupCopyVaultArn: an AWS Backup vault ARN/m);
    expect(run.stdout).toMatch(/^ {2}✗ issuedRetentionYears: at least 1 year$/m);
    expect(run.stdout).toMatch(/^Not deployable: fix the settings above/m);
    expect(run.stdout).not.toContain('Synthesizing');
  });

  it('answers an argument it does not know with its usage', async () => {
    // Act
    const run = await deployCheck(['--stage', 'prod']);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown argument: --stage');
    expect(run.stderr).toContain('usage: npm run deploy:check');
  });
});
