/**
 * Key material of the Standard Webhooks scheme, in its serialised forms:
 * `whsec_<base64>` shared HMAC secrets (signature version `v1`), `whpk_<base64>` Ed25519 public keys and
 * `whsk_<base64>` Ed25519 signing keys (version `v1a`). Admin routes accept and hand out these strings;
 * verification only ever uses keys registered for the agency, never one that arrives with a request.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { decodeStrictBase64 } from './base64.ts';
import { WebhookKeyError, WebhookSecretError } from './errors.ts';

/** The keys one agency may sign with right now; several of a kind while a key is being rotated. */
export interface AgencyKeys {
  /** Active `v1` HMAC-SHA256 secrets, each as decoded by {@link parseSecret}. */
  readonly hmacSecrets: readonly Uint8Array[];
  /** Active `v1a` Ed25519 public keys registered for the agency (see {@link parseEd25519PublicKey}). */
  readonly ed25519PublicKeys: readonly KeyObject[];
}

/** The spec's bounds for a symmetric secret: 192 to 512 bits. */
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

const SECRET_PREFIX = 'whsec_';
const PUBLIC_KEY_PREFIX = 'whpk_';
const SIGNING_KEY_PREFIX = 'whsk_';
const ED25519_KEY_BYTES = 32;
/** RFC 8410 PKCS#8 header of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Decodes a `whsec_` secret into the HMAC key bytes.
 *
 * @throws {WebhookSecretError} wrong prefix, not canonical base64, fewer than 24 or more than 64 bytes.
 * @example
 * const secret = parseSecret(generateSecret()); // Uint8Array of 32 bytes
 */
export function parseSecret(whsec: string): Uint8Array {
  if (!whsec.startsWith(SECRET_PREFIX)) {
    throw new WebhookSecretError(`A webhook secret must start with "${SECRET_PREFIX}" followed by base64.`);
  }
  const bytes = decodeStrictBase64(whsec.slice(SECRET_PREFIX.length));
  if (bytes === undefined) {
    throw new WebhookSecretError(`The part after "${SECRET_PREFIX}" is not valid padded base64 (standard alphabet A-Z a-z 0-9 + /).`);
  }
  assertSecretLength(bytes);
  return bytes;
}

/** A fresh `whsec_` secret of 32 random bytes, to hand to an agency once. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * Reads an agency's Ed25519 public key given as `whpk_<base64 of the 32 raw bytes>` or as a PEM
 * `BEGIN PUBLIC KEY` (SPKI) block.
 *
 * @throws {WebhookKeyError} not one of those forms, or not an Ed25519 public key.
 */
export function parseEd25519PublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN PUBLIC KEY-----')) {
    return assertEd25519(
      importKey(() => createPublicKey(trimmed)),
      'public',
    );
  }
  const raw = decodePrefixed(trimmed, PUBLIC_KEY_PREFIX, 'public key');
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') };
  return importKey(() => createPublicKey({ key: jwk, format: 'jwk' }));
}

/** The `whpk_` form of an Ed25519 public key, as shown back to administrators. */
export function formatEd25519PublicKey(key: KeyObject): string {
  return PUBLIC_KEY_PREFIX + rawPublicKey(assertEd25519(key, 'public')).toString('base64');
}

/**
 * Reads an Ed25519 signing key `whsk_<base64 of the 32-byte seed>` (the form the reference libraries use).
 * Only senders need it: our tests, the agency simulator and outgoing webhooks.
 *
 * @throws {WebhookKeyError} wrong prefix, not base64, or not 32 bytes.
 */
export function parseEd25519SigningKey(text: string): KeyObject {
  const seed = decodePrefixed(text.trim(), SIGNING_KEY_PREFIX, 'signing key');
  return importKey(() => createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_HEADER, seed]), format: 'der', type: 'pkcs8' }));
}

/** A fresh Ed25519 key pair in `whsk_` / `whpk_` form. */
export function generateEd25519KeyPair(): { signingKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(jwkMember(privateKey, 'd'), 'base64url');
  return { signingKey: SIGNING_KEY_PREFIX + seed.toString('base64'), publicKey: formatEd25519PublicKey(publicKey) };
}

/**
 * Checks a key set before use, so that a misconfigured store fails loudly instead of refusing every
 * delivery as a bad signature.
 *
 * @throws {WebhookSecretError | WebhookKeyError}
 */
export function assertAgencyKeys(keys: AgencyKeys): void {
  for (const secret of keys.hmacSecrets) assertSecretLength(secret);
  for (const key of keys.ed25519PublicKeys) assertEd25519(key, 'public');
}

export function assertSecretLength(secret: Uint8Array): void {
  if (secret.byteLength < MIN_SECRET_BYTES || secret.byteLength > MAX_SECRET_BYTES) {
    throw new WebhookSecretError(`A webhook secret must decode to ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes; this one has ${secret.byteLength}.`);
  }
}

export function assertEd25519(key: KeyObject, type: 'public' | 'private'): KeyObject {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new WebhookKeyError(`Expected an Ed25519 ${type} key, got a ${key.asymmetricKeyType ?? 'symmetric'} ${key.type} key.`);
  }
  return key;
}

function decodePrefixed(text: string, prefix: string, what: string): Buffer {
  if (!text.startsWith(prefix)) throw new WebhookKeyError(`An Ed25519 ${what} must start with "${prefix}".`);
  const bytes = decodeStrictBase64(text.slice(prefix.length));
  if (bytes?.byteLength !== ED25519_KEY_BYTES) {
    throw new WebhookKeyError(`The part after "${prefix}" must be the base64 of exactly ${ED25519_KEY_BYTES} bytes.`);
  }
  return bytes;
}

function importKey(load: () => KeyObject): KeyObject {
  try {
    return load();
  } catch (cause) {
    throw new WebhookKeyError('The key could not be read as an Ed25519 key.', { cause });
  }
}

function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(jwkMember(key, 'x'), 'base64url');
}

function jwkMember(key: KeyObject, member: 'x' | 'd'): string {
  const value = key.export({ format: 'jwk' })[member];
  if (typeof value !== 'string') throw new WebhookKeyError(`The Ed25519 key has no "${member}" component.`);
  return value;
}
