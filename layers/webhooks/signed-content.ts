/**
 * The signed content of the scheme, `{webhook-id}.{webhook-timestamp}.{raw body}`, and the two signature
 * primitives over it. The body is fed as bytes, never decoded to text: verification must see exactly
 * what was sent.
 */
import { createHmac, sign, verify, type KeyObject } from 'node:crypto';

/** `{id}.{timestamp}.` as bytes; the caller appends the raw body. */
export function signedPrefix(id: string, timestampText: string): Buffer {
  return Buffer.from(`${id}.${timestampText}.`, 'utf8');
}

/** HMAC-SHA256 (`v1`) of the prefix followed by the body, without copying the body. */
export function hmacSignature(secret: Uint8Array, prefix: Uint8Array, body: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(prefix).update(body).digest();
}

/** Ed25519 needs the whole message at once (it hashes it twice), so prefix and body are joined once. */
export function ed25519Message(prefix: Uint8Array, body: Uint8Array): Buffer {
  return Buffer.concat([prefix, body]);
}

export function ed25519Signature(privateKey: KeyObject, message: Uint8Array): Buffer {
  return sign(null, message, privateKey);
}

export function ed25519Verifies(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  return verify(null, message, publicKey, signature);
}
