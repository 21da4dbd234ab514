import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
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
