/**
 * Reads an object whose size is known into one buffer of that size: the bytes are held once, never as a
 * list of chunks plus their concatenation (the receiver's memory bound rests on it; docs/BENCHMARKS.md).
 * Throws when more than `limit` bytes arrive.
 */
export async function readAll(chunks: AsyncIterable<Uint8Array>, expected: number, limit: number): Promise<Uint8Array> {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit));
  let size = 0;
  for await (const chunk of chunks) {
    if (size + chunk.length > limit) throw new Error(`the object is larger than ${limit} bytes`);
    if (size + chunk.length > buffer.length) {
      // More than announced (never for a checked object): grow once to the limit, still one buffer.
      const grown = Buffer.allocUnsafe(limit);
      buffer.copy(grown, 0, 0, size);
      buffer = grown;
    }
    buffer.set(chunk, size);
    size += chunk.length;
  }
  return buffer.subarray(0, size);
}
