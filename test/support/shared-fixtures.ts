/**
 * The one way a test reaches material kept outside the repository: `../shared/fixtures` beside the clone
 * (the public signed-PDF corpus in `pdf-signatures/`, with its manifest). A clone made outside this setup
 * has no such folder, so every test that needs it is declared with `describeWithFixtures` or
 * `itWithFixtures`: present, it runs; absent, it is reported as skipped, with the reason printed once per
 * test file, and the rest of the suite passes on the bare clone.
 *
 * `VANTHU_SHARED_DIR` overrides where `../shared` is (a folder holding `fixtures/`). Point it at a folder
 * that does not exist to check that these tests skip rather than fail:
 * `VANTHU_SHARED_DIR=/nonexistent npx vitest run test/unit/signature`.
 *
 * No vitest API is called at load, so the bench (`npm run bench`, outside vitest) uses the same paths.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestFunction } from 'vitest';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared` beside the repository, or `VANTHU_SHARED_DIR` when set. */
export const sharedDir = path.resolve(repositoryRoot, process.env.VANTHU_SHARED_DIR ?? path.join('..', 'shared'));

/** The fixtures folder (`../shared/fixtures`). */
export const sharedFixturesDir = path.join(sharedDir, 'fixtures');

/** Whether the fixtures folder is there; decided once, at load. */
export const sharedFixturesPresent = existsSync(sharedFixturesDir);

/** Why a test that needs the fixtures did not run. */
export const SHARED_FIXTURES_SKIPPED = `skipped: needs ../shared/fixtures beside the repository (the public signed PDFs); absent in this clone (looked in ${sharedFixturesDir})`;

/**
 * A path inside the fixtures folder. Call it inside a test or a `describeWithFixtures` body: it does not
 * check that the folder exists.
 *
 * @example
 * readFileSync(sharedFixture('pdf-signatures', 'manifest.json'), 'utf8');
 */
export function sharedFixture(...segments: readonly string[]): string {
  return path.join(sharedFixturesDir, ...segments);
}

/**
 * A suite that needs the fixtures. Absent, `body` is never called (so it may read the folder while it
 * declares its tests) and the suite shows one skipped test named after the reason.
 *
 * @example
 * describeWithFixtures('public corpus', () => {
 *   const manifest = readManifest();
 *   it.each(manifest)('%s', (entry) => { ... });
 * });
 */
export function describeWithFixtures(name: string, body: () => void): void {
  if (sharedFixturesPresent) {
    describe(name, body);
    return;
  }
  announceSkip();
  describe.skip(name, () => {
    it(SHARED_FIXTURES_SKIPPED, () => undefined);
  });
}

/** One test that needs the fixtures; absent, it is skipped with the reason in its name. */
export function itWithFixtures(name: string, test: TestFunction): void {
  if (sharedFixturesPresent) {
    it(name, test);
    return;
  }
  announceSkip();
  it.skip(`${name} (${SHARED_FIXTURES_SKIPPED})`, test);
}

let announced = false;

/** Says why once per test file, where a summary reporter shows no test names. */
function announceSkip(): void {
  if (announced) return;
  announced = true;
  console.warn(SHARED_FIXTURES_SKIPPED);
}
