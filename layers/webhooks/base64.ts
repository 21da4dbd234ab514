/**
 * Strict base64 (RFC 4648 §4, standard alphabet, padded). `Buffer.from(text, 'base64')` silently skips
 * characters it does not know and accepts missing padding, so a truncated or mangled signature would decode
 * to *some* bytes; here anything but the one canonical spelling is refused.
 */
const CANONICAL_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes, or `undefined` when `text` is not canonical padded base64. */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!CANONICAL_SHAPE.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero bits in the last character's unused tail would give a second spelling of the same bytes.
  return bytes.toString('base64') === text ? bytes : undefined;
}
