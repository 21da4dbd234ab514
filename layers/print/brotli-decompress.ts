import { brotliDecompressSync } from 'node:zlib';

/**
 * Stands in for the `brotli` package's pure-JavaScript decompressor in the Lambda bundles (infra/bundling.ts
 * aliases `brotli/decompress.js`, which fontkit imports to read WOFF2 fonts): Node has Brotli built in, and
 * the JavaScript decoder is 475 KiB of the register printer's bundle. Same contract: the compressed bytes
 * in, the decompressed bytes out.
 */
export default function decompress(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(brotliDecompressSync(buffer));
}
