import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How a function's handler becomes its Lambda bundle, shared by the CDK functions
 * (infra/constructs/function.ts) and the bundle bench (test/bench/bundles.bench.ts), so what is measured is
 * what is deployed: one ESM file for Node.js 22, minified, with the AWS SDK inside (the versions of
 * package-lock.json, not the runtime's).
 */
export const bundleTarget = 'node22';

/**
 * Lets the ESM bundle load the CommonJS dependencies that call `require` (esbuild cannot rewrite those).
 * The alias keeps the import from clashing with a bundled module's own `createRequire`.
 */
export const requireBanner = "import { createRequire as vanthuCreateRequire } from 'node:module'; const require = vanthuCreateRequire(import.meta.url);";

/**
 * Modules replaced in the bundles by smaller ones with the same contract: the SDK's default credential
 * chain by the environment provider alone (layers/adapters/aws/lambda-credentials.ts explains why that is
 * all a Lambda function uses), and the pure-JavaScript Brotli decoder fontkit carries for WOFF2 fonts by
 * Node's own (layers/print/brotli-decompress.ts).
 */
export function bundleAliases(sourceRoot: string): Record<string, string> {
  return {
    '@aws-sdk/credential-provider-node': path.join(sourceRoot, 'layers/adapters/aws/lambda-credentials.ts'),
    'brotli/decompress.js': path.join(sourceRoot, 'layers/print/brotli-decompress.ts'),
  };
}

/** The same aliases as esbuild command-line arguments (NodejsFunction's `esbuildArgs`). */
export function aliasArguments(sourceRoot: string): Record<string, string> {
  return Object.fromEntries(Object.entries(bundleAliases(sourceRoot)).map(([from, to]) => [`--alias:${from}`, to]));
}

/**
 * Engines: modules a handler imports only when it needs them (`await import('#engines/<name>')`, see
 * layers/engines). A bundle leaves them out; each is bundled into a file of its own beside the handler
 * (`engines/<name>.mjs`), which the `package.json` written beside it maps `#engines/*` to. A function
 * ships the engines its definition names (`FunctionDefinition.engines`).
 */
export const engines = {
  'aws-config': 'layers/engines/aws-config.ts',
  'pdf-signatures': 'layers/engines/pdf-signatures.ts',
  'pdf-signing': 'layers/engines/pdf-signing.ts',
  'remote-signing': 'layers/engines/remote-signing.ts',
  'stamp-text': 'layers/engines/stamp-text.ts',
  'register-pdf': 'layers/engines/register-pdf.ts',
} as const;

export type EngineName = keyof typeof engines;

/** How a bundle refers to an engine: left out of it, resolved at run time through the package.json beside it. */
export const engineImports = '#engines/*';

/** The package.json beside a bundle: ESM, and where `#engines/<name>` is. */
export const bundlePackageJson = { type: 'module', imports: { [engineImports]: './engines/*.mjs' } } as const;

/** The esbuild options of every bundle, handler or engine, other than its entry and output: one place for the bench, the tests and CDK. */
export function bundleOptions(sourceRoot: string): BuildOptions & { external: string[]; alias: Record<string, string> } {
  return {
    bundle: true,
    platform: 'node',
    target: bundleTarget,
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    banner: { js: requireBanner },
    external: [engineImports],
    alias: bundleAliases(sourceRoot),
  };
}

/** The same options as esbuild command-line arguments (the engines are built by the command line in CDK's hook). */
export function bundleArguments(sourceRoot: string): string[] {
  const options = bundleOptions(sourceRoot);
  return [
    '--bundle',
    `--platform=${options.platform}`,
    `--target=${options.target}`,
    `--format=${options.format}`,
    `--main-fields=${(options.mainFields ?? []).join(',')}`,
    '--minify',
    `--banner:js=${options.banner?.js ?? ''}`,
    ...options.external.map((module) => `--external:${module}`),
    ...Object.entries(options.alias).map(([from, to]) => `--alias:${from}=${to}`),
  ];
}

/**
 * Shell commands that build the named engines into `outputDir/engines` and write the package.json that
 * maps them (NodejsFunction's `afterBundling` hook runs them).
 */
export function engineBuildCommands(sourceRoot: string, outputDir: string, names: readonly EngineName[]): string[] {
  if (names.length === 0) return [];
  const esbuild = path.join(sourceRoot, 'node_modules', '.bin', 'esbuild');
  const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return [
    ...names.map((name) =>
      [esbuild, path.join(sourceRoot, engines[name]), ...bundleArguments(sourceRoot), `--outfile=${path.join(outputDir, 'engines', `${name}.mjs`)}`, '--log-level=warning']
        .map(quote)
        .join(' '),
    ),
    `printf '%s' ${quote(JSON.stringify(bundlePackageJson))} > ${quote(path.join(outputDir, 'package.json'))}`,
  ];
}
