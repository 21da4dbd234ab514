import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands, main, type CommandIo } from '#infra/cli/main';

const exec = promisify(execFile);
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const registered = Object.entries(commands);

async function invoke(argv: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
  const exitCode = await main(argv, io);
  return { exitCode, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('vanthu help', () => {
  it.each([[['--help']], [['-h']], [['help']], [[]]])('%j prints every registered command with its summary and usage, exit 0', async (argv) => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(argv);
    // Assess
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    for (const [name, spec] of registered) {
      expect(stdout).toMatch(new RegExp(`^ {2}${name} +${escapeRegExp(spec.summary)}$`, 'm'));
      for (const line of spec.usage) expect(stdout).toContain(`vanthu ${line}`);
    }
  });

  it.each([['bogus'], ['toString'], ['--verbose']])('answers the unknown command %j with the help on stderr, exit 2', async (name) => {
    // Act
    const { exitCode, stdout, stderr } = await invoke([name, 'x']);
    // Assess
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`unknown command "${name}"`);
    for (const [command] of registered) expect(stderr).toContain(`  ${command} `);
  });

  it.each(registered.map(([name, spec]) => [name, spec] as const))("help %s prints the command's own usage, with the synopsis the table shows", async (name, spec) => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(['help', name]);
    // Assess
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    for (const line of spec.usage) expect(stdout).toContain(`vanthu ${line}`);
  });

  it('runs as `npx vanthu --help` (bin/vanthu.js): every command, exit 0', async () => {
    // Act
    const { stdout, stderr } = await exec(process.execPath, [path.join(repositoryRoot, 'bin', 'vanthu.js'), '--help'], { cwd: repositoryRoot });
    // Assess: execFile rejects on a non-zero exit, so reaching here is exit 0
    expect(stderr).toBe('');
    for (const [name] of registered) expect(stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
  });

  it('exits 2 from bin/vanthu.js for an unknown command, with the help on stderr', async () => {
    // Act
    const failure = await exec(process.execPath, [path.join(repositoryRoot, 'bin', 'vanthu.js'), 'bogus'], { cwd: repositoryRoot }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    // Assess
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect(failure?.stderr).toContain('unknown command "bogus"');
  });
});

describe('vanthu openapi', () => {
  it('prints the deployed OpenAPI document, without POST /dev/token', async () => {
    // Act
    const { exitCode, stdout } = await invoke(['openapi']);
    // Assess
    expect(exitCode).toBe(0);
    const document = JSON.parse(stdout) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/openapi.json']).toBeDefined();
    expect(document.paths['/dev/token']).toBeUndefined();
  });

  it("prints the local runtime's document with --served-by local", async () => {
    // Act
    const { exitCode, stdout } = await invoke(['openapi', '--served-by', 'local']);
    // Assess
    expect(exitCode).toBe(0);
    expect((JSON.parse(stdout) as { paths: Record<string, unknown> }).paths['/dev/token']).toBeDefined();
  });

  it.each([[['--served-by', 'moon']], [['--bogus']]])('exits 2 with its usage for %j', async (args) => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(['openapi', ...args]);
    // Assess
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage: vanthu openapi');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
