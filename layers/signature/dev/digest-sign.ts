import { constants, createECDH, createHash, privateEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from '#domain/signing/ports';

/**
 * DEVELOPMENT ONLY: signs a SHA-256 hash that was computed elsewhere, as a token, a remote signing service or
 * KMS (MessageType DIGEST) does — for the local runtime's KMS emulator and development remote signer.
 * node:crypto hashes whatever it signs, so the padding is built here and only the private-key operation is
 * left to OpenSSL: PKCS#1 v1.5 DigestInfo through privateEncrypt, EMSA-PSS (RFC 8017 §9.1.1) through the raw
 * RSA operation, and ECDSA P-256 with the point kG from ECDH (not constant-time: never for real keys).
 * Throws RangeError for a key the algorithm cannot use.
 *
 * @example
 * const signature = signSha256Digest(key, 'rsa-pkcs1-sha256', createHash('sha256').update(message).digest());
 * verify('sha256', message, publicKey, signature) // true
 */
export function signSha256Digest(key: KeyObject, algorithm: SignatureAlgorithm, digest: Uint8Array, options: { readonly saltLength?: number } = {}): Buffer {
  if (digest.length !== SHA256_BYTES) throw new RangeError(`a SHA-256 digest has ${SHA256_BYTES} bytes, not ${digest.length}`);
  const hash = Buffer.from(digest);
  switch (algorithm) {
    case 'rsa-pkcs1-sha256':
      rsaKey(key);
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, hash]));
    case 'rsa-pss-sha256': {
      const modulusBits = rsaKey(key);
      const encoded = emsaPssEncode(hash, modulusBits - 1, options.saltLength ?? SHA256_BYTES);
      return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(Math.ceil(modulusBits / 8) - encoded.length), encoded]));
    }
    case 'ecdsa-sha256':
      return ecdsaP256(key, hash);
  }
}

const SHA256_BYTES = 32;

/** DER of DigestInfo { sha256, NULL } and the OCTET STRING header of the hash that follows. */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function rsaKey(key: KeyObject): number {
  if (key.asymmetricKeyType !== 'rsa') throw new RangeError('the key is not an RSA key');
  return key.asymmetricKeyDetails?.modulusLength ?? 0;
}

function emsaPssEncode(digest: Buffer, emBits: number, saltLength: number): Buffer {
  const emLength = Math.ceil(emBits / 8);
  if (emLength < SHA256_BYTES + saltLength + 2) throw new RangeError('the salt is too long for the key');
  const salt = randomBytes(saltLength);
  const h = sha256(Buffer.alloc(8), digest, salt);
  const db = Buffer.concat([Buffer.alloc(emLength - saltLength - SHA256_BYTES - 2), Buffer.from([1]), salt]);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i += 1) db[i] = (db[i] ?? 0) ^ (mask[i] ?? 0);
  db[0] = (db[0] ?? 0) & (0xff >> (8 * emLength - emBits));
  return Buffer.concat([db, h, Buffer.from([0xbc])]);
}

function mgf1(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * SHA256_BYTES < length; counter += 1) {
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    blocks.push(sha256(seed, counterBytes));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The order n of P-256's base point. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** ECDSA (FIPS 186-5 §6.4.1) of a 32-byte hash with a P-256 key, DER-encoded as CMS and KMS carry it. */
function ecdsaP256(key: KeyObject, digest: Buffer): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || jwk.d === undefined) throw new RangeError('the key is not a P-256 private key');
  const d = bigintOf(Buffer.from(jwk.d, 'base64url'));
  const z = bigintOf(digest);
  const ecdh = createECDH('prime256v1');
  for (;;) {
    const k = bigintOf(randomBytes(32));
    if (k === 0n || k >= P256_ORDER) continue;
    ecdh.setPrivateKey(bytesOf(k, 32));
    const r = bigintOf(ecdh.getPublicKey().subarray(1, 33)) % P256_ORDER;
    const s = (modularPower(k, P256_ORDER - 2n, P256_ORDER) * ((z + r * d) % P256_ORDER)) % P256_ORDER;
    if (r !== 0n && s !== 0n) return derSequence([derInteger(r), derInteger(s)]);
  }
}

function bigintOf(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

function bytesOf(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');
}

function modularPower(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let power = base % modulus;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if ((rest & 1n) === 1n) result = (result * power) % modulus;
    power = (power * power) % modulus;
  }
  return result;
}

function derInteger(value: bigint): Buffer {
  const hex = value.toString(16);
  const bytes = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
  const content = (bytes[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  return Buffer.concat([Buffer.from([0x02, content.length]), content]);
}

/** A SEQUENCE shorter than 128 bytes (two P-256 integers are at most 70). */
function derSequence(items: readonly Buffer[]): Buffer {
  const content = Buffer.concat(items);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}
