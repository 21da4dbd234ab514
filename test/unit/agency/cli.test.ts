import { describe, it, expect } from 'vitest';
import { run } from '#infra/cli/commands/agency-code';
import { main } from '#infra/cli/main';

async function invoke(args: readonly string[], via: 'run' | 'main' = 'run') {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
  const exitCode = via === 'run' ? await run(args, io) : await main(['agency-code', ...args], io);
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

describe('vanthu agency-code', () => {
  it('prints both notations, level, parent, level-1 kind and hub flag', async () => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(['000.05.18.G12']);
    // Assess
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      valid: true,
      code102: '000.05.18.G12',
      qd20: 'G12.18.05',
      level: 3,
      parent: { code102: '000.00.18.G12', qd20: 'G12.18' },
      levelOneKind: 'ministry',
      isHub: false,
    });
  });

  it('accepts the QĐ 20 notation; a level-1 code has a null parent', async () => {
    // Act
    const { exitCode, stdout } = await invoke(['H26'], 'main');
    // Assess
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ code102: '000.00.00.H26', level: 1, parent: null, levelOneKind: 'provincial-people-committee' });
  });

  it('flags a hub code', async () => {
    // Act
    const { stdout } = await invoke(['000.00.00.W00']);
    // Assess
    expect(JSON.parse(stdout)).toMatchObject({ isHub: true, levelOneKind: 'hub' });
  });

  it('exits 1 on an invalid code, with the reason on stderr and in the JSON', async () => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(['001.00.00.H26']);
    // Assess
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/block 1 \(level 4\) "001"/);
    expect(JSON.parse(stdout)).toMatchObject({ valid: false, reason: expect.stringMatching(/^block 1 \(level 4\)/), block: { position: 1, level: 4 } });
  });

  it.each([[[]], [['H26', 'G12']], [['--bogus']]])('exits 2 with usage for %j', async (args) => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(args);
    // Assess
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/usage: vanthu agency-code <code>/);
  });

  it('prints usage on stdout and exits 0 for --help', async () => {
    // Act
    const { exitCode, stdout } = await invoke(['--help']);
    // Assess
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/usage: vanthu agency-code <code>/);
  });
});
