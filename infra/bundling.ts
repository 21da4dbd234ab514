import * as path from 'node:path';

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
