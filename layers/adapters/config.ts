import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Configuration read once at module load (or at the first use of an adapter). `required` throws at cold
 * start when a variable is missing, so a misconfigured function fails loudly instead of writing to the
 * wrong place.
 *
 * In AWS each function is its own process and reads `process.env`. The local runtime runs every function in
 * one process, so it runs each invocation inside {@link withFunctionEnvironment}: there the function's own
 * variables are read first, and the names only a grant may set never come from `process.env`. A function
 * whose definition lacks a grant then fails locally as it would in AWS.
 */
export function required(name: string): string {
  const value = read(name);
  if (value === undefined) throw new Error(missing(name));
  return value;
}

export function optional(name: string): string | undefined {
  return read(name);
}

/** The environment of one function among several in a process (the local runtime). */
export interface FunctionEnvironment {
  /** The function's name, for the errors that say what it lacks. */
  readonly functionName: string;
  /** Its variables: what its definition's grants set, and what every function of the stage gets. */
  readonly variables: Readonly<Record<string, string>>;
  /** Names read from `variables` only, never from `process.env`: those some function's grants set. */
  readonly grantNames: ReadonlySet<string>;
}

const scope = new AsyncLocalStorage<FunctionEnvironment>();

/**
 * Runs `run` (and everything it awaits) with the environment of one function: what `required` and
 * `optional` read there, and the key of the values `lazy` builds (layers/adapters/lazy.ts).
 *
 * @example
 * await withFunctionEnvironment({ functionName: 'deadline-watcher', variables, grantNames }, () => handler(event, context));
 */
export function withFunctionEnvironment<T>(environment: FunctionEnvironment, run: () => T): T {
  return scope.run(environment, run);
}

/** The function environment the caller runs in, if any (never in AWS). */
export function activeFunctionEnvironment(): FunctionEnvironment | undefined {
  return scope.getStore();
}

function read(name: string): string | undefined {
  const environment = scope.getStore();
  const value = environment === undefined ? process.env[name] : (environment.variables[name] ?? (environment.grantNames.has(name) ? undefined : process.env[name]));
  return value === undefined || value === '' ? undefined : value;
}

function missing(name: string): string {
  const environment = scope.getStore();
  if (environment === undefined) return `Missing required environment variable ${name}`;
  const why = environment.grantNames.has(name) ? ': its definition does not grant it (access in infra/definitions.ts)' : '';
  return `Missing required environment variable ${name} in function ${environment.functionName}${why}`;
}
