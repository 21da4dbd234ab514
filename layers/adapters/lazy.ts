import { activeFunctionEnvironment } from './config.ts';

/**
 * Singletons of the adapters, built on first use and kept for warm invocations. `resetSingletons` forgets
 * them all — for the local runtime, which may be started again in the same process with other endpoints.
 */
const resets: (() => void)[] = [];

/** The key of what is built outside any function environment (AWS: the one function of the process). */
const processWide = {};

/**
 * A value built once per function: in AWS once per container; in the local runtime once per function
 * environment (layers/adapters/config.ts), so a value built from one function's grants (its table, queue
 * URLs, axis credentials, mail sender) is never handed to another function of the same process.
 *
 * @example
 * export const idempotencyStore = lazy(() => new DynamoIdempotencyStore(dynamoDocumentClient(), required(env.tableName)));
 */
export function lazy<T>(build: () => T): () => T {
  const values = new Map<object, { readonly built: T }>();
  resets.push(() => values.clear());
  return () => {
    const key = activeFunctionEnvironment() ?? processWide;
    let value = values.get(key);
    if (value === undefined) {
      value = { built: build() };
      values.set(key, value);
    }
    return value.built;
  };
}

/**
 * A value built once per process and shared by every function of it: only for what depends on no grant
 * (SDK clients, which read the region and endpoints every function has).
 *
 * @example
 * export const sqsClient = shared(() => new SQSClient({ region: optional('AWS_REGION') }));
 */
export function shared<T>(build: () => T): () => T {
  let value: { readonly built: T } | undefined;
  resets.push(() => (value = undefined));
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}

export function resetSingletons(): void {
  for (const reset of resets) reset();
}
