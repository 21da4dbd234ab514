import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { withFunctionEnvironment, type FunctionEnvironment } from '#adapters/config';
import type { FunctionDefinition } from '../definitions.ts';

/**
 * One process stands in for as many Lambda containers as there are concurrent requests, so under a burst
 * an invocation waits for CPU a real one would have to itself. Local timeouts are therefore the
 * function's timeout times this factor (VANTHU_LOCAL_TIMEOUT_FACTOR, default 6).
 */
const timeoutFactor = Number(process.env.VANTHU_LOCAL_TIMEOUT_FACTOR ?? 6);

/** A Lambda context for a local invocation, with the function's timeout (scaled, see above). */
export function lambdaContext(fn: FunctionDefinition): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000 * timeoutFactor;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** The environment each function runs in (./function-environment.ts), as the runtime built it. */
export type EnvironmentOf = (fn: FunctionDefinition) => FunctionEnvironment;

/**
 * One invocation as Lambda makes it, inside the function's own environment: its handler module is loaded
 * there on first use (so what it reads at module load is its own), and everything the handler awaits
 * reads that environment, never another function's.
 */
export function invoke(root: string, fn: FunctionDefinition, environment: FunctionEnvironment, event: unknown): Promise<unknown> {
  return withFunctionEnvironment(environment, async () => {
    const handler = await loadHandler(root, fn);
    return handler(event, lambdaContext(fn));
  });
}

const loaded = new Map<string, Promise<Handler>>();

/** Imports a function's handler module once (as Lambda does per container). */
export function loadHandler(root: string, fn: FunctionDefinition): Promise<Handler> {
  let handler = loaded.get(fn.entry);
  if (handler === undefined) {
    handler = import(`${root}/${fn.entry}`).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${fn.entry} does not export a handler`);
      return module.handler;
    });
    loaded.set(fn.entry, handler);
  }
  return handler;
}
