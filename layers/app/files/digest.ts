import { createHash } from 'node:crypto';

/**
 * SHA-256 (lower-case hex) and length of a byte stream, read chunk by chunk: memory stays flat whatever
 * the file size.
 *
 * @example
 * const { sha256, size } = await digestStream(object.body);
 */
export async function digestStream(chunks: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}
