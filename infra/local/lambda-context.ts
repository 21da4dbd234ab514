import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../definitions.ts';

/** A Lambda context for a local invocation, with the function's real timeout. */
export function lambdaContext(fn: FunctionDefinition): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
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
