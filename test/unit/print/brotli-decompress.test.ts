import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import decompress from '#print/brotli-decompress';

describe('the Brotli decoder of the bundles (layers/print/brotli-decompress.ts)', () => {
  it('gives back the bytes the brotli package would, for a WOFF2-like stream', async () => {
    // Prepare: the pure-JavaScript decoder it replaces in the bundles is the oracle
    const original = new TextEncoder().encode('Sổ đăng ký văn bản đi — '.repeat(200));
    const compressed = new Uint8Array(brotliCompressSync(original));
    const oracle = 'brotli/decompress.js';
    const reference = ((await import(oracle)) as { default: (input: Uint8Array) => Uint8Array }).default;
    // Act
    const ours = decompress(compressed);
    // Assess
    expect(Buffer.from(ours).equals(Buffer.from(original))).toBe(true);
    expect(Buffer.from(ours).equals(Buffer.from(reference(compressed)))).toBe(true);
  });
});
