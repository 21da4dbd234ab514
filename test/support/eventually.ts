/** Polls `probe` until `accept` holds or the time runs out; returns the last value (the caller asserts on it). */
export async function eventually<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, millis = 20_000, every = 100): Promise<T> {
  const deadline = Date.now() + millis;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
