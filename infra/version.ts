import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The release a deployment (or the local runtime) runs, as `/health`, the OpenAPI document and every log
 * line name it: VANTHU_VERSION when the operator sets one (a release tag), otherwise the package version
 * and the commit it was built from (`0.1.0+1a2b3c4d5e6f`, `.dirty` when the working tree had changes), or
 * the package version alone outside a git checkout.
 *
 * @example
 * releaseVersion(); // '0.1.0+626e3d3a1b2c'
 */
export function releaseVersion(environment: NodeJS.ProcessEnv = process.env, root: string = repositoryRoot): string {
  const set = environment.VANTHU_VERSION;
  if (set !== undefined && set !== '') return set;
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const commit = git(root, ['rev-parse', '--short=12', 'HEAD']);
  if (commit === undefined) return version;
  const dirty = (git(root, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  return `${version}+${commit}${dirty ? '.dirty' : ''}`;
}

function git(root: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
