/**
 * An ECDSA P-256 signature as CMS carries it (DER `SEQUENCE { r INTEGER, s INTEGER }`, RFC 5753) from the raw
 * 64-byte r‖s that WebCrypto, PKCS#11 tokens and some signing services give; undefined when `raw` is not 64 bytes.
 *
 * @example
 * ecdsaRawToDer(new Uint8Array(64).fill(1)) // 30 44 02 20 01… 02 20 01…
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array | undefined {
  if (raw.length !== 64) return undefined;
  const integer = (half: Uint8Array): number[] => {
    let start = 0;
    while (start < half.length - 1 && half[start] === 0) start += 1;
    const bytes = [...half.subarray(start)];
    const body = (bytes[0] ?? 0) >= 0x80 ? [0, ...bytes] : bytes;
    return [0x02, body.length, ...body];
  };
  const content = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return new Uint8Array([0x30, content.length, ...content]);
}
