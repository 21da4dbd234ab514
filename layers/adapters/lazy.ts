/**
 * Process-wide singletons of the adapters (SDK clients, the composition root): built on first use and kept
 * for warm invocations. `resetSingletons` forgets them all — for the local runtime, which may be started
 * again in the same process with other endpoints.
 */
const resets: (() => void)[] = [];

export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  resets.push(() => (value = undefined));
  return () => (value ??= build());
}

export function resetSingletons(): void {
  for (const reset of resets) reset();
}
