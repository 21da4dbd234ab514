import { KMSClient } from '@aws-sdk/client-kms';
import type { SecretCipher, SecretContext } from '#domain/webhook-keys/cipher';
import { env } from '#adapters/environment';
import { optional } from '../config.ts';
import { KmsSecretCipher } from './kms-cipher.ts';
import { LocalSecretCipher } from './local-cipher.ts';

/** Environment variable of the local runtime's AES key (base64url of 32 bytes), generated in its data folder. */
export const LOCAL_SECRET_KEY_ENV = 'VANTHU_LOCAL_SECRET_KEY';

/** Plaintexts kept per warm container; far more than the keys one function ever needs. */
const CACHE_ENTRIES = 500;

/**
 * The secret cipher of this function: KMS when `WEBHOOK_KMS_KEY_ID` is set (AWS), the local AES key when
 * `VANTHU_LOCAL_SECRET_KEY` is (the local runtime). Resolved at first use, so a function that never
 * touches a secret needs neither; each stored secret is decrypted at most once per warm container.
 *
 * @example
 * const cipher = secretCipherFromEnvironment();
 * const secret = await cipher.decrypt(key.encryptedSecret, { organId, keyId });
 */
export function secretCipherFromEnvironment(): SecretCipher {
  let inner: SecretCipher | undefined;
  const cipher = (): SecretCipher => {
    inner ??= resolveCipher();
    return inner;
  };
  return new CachingSecretCipher({
    encrypt: (plaintext, context) => cipher().encrypt(plaintext, context),
    decrypt: (ciphertext, context) => cipher().decrypt(ciphertext, context),
  });
}

/** True in the local runtime: no KMS key, a local key. Deployed functions always have the KMS key. */
export function isLocalCipher(): boolean {
  return optional(env.webhookSecretsKey) === undefined && optional(LOCAL_SECRET_KEY_ENV) !== undefined;
}

function resolveCipher(): SecretCipher {
  const kmsKey = optional(env.webhookSecretsKey);
  if (kmsKey !== undefined) return new KmsSecretCipher(new KMSClient({ region: optional('AWS_REGION') ?? 'ap-southeast-1', maxAttempts: 3 }), kmsKey);
  const localKey = optional(LOCAL_SECRET_KEY_ENV);
  if (localKey !== undefined) return LocalSecretCipher.fromText(localKey);
  throw new Error(`Missing required environment variable ${env.webhookSecretsKey} (or ${LOCAL_SECRET_KEY_ENV} in the local runtime)`);
}

/**
 * Remembers decrypted secrets by context and ciphertext (a rotated secret has a new ciphertext, so it is
 * never served stale). Failed decryptions are not remembered.
 */
export class CachingSecretCipher implements SecretCipher {
  private readonly plaintexts = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly inner: SecretCipher) {}

  encrypt(plaintext: Uint8Array, context: SecretContext): Promise<string> {
    return this.inner.encrypt(plaintext, context);
  }

  decrypt(ciphertext: string, context: SecretContext): Promise<Uint8Array> {
    const key = JSON.stringify([context.organId, context.keyId, ciphertext]);
    const cached = this.plaintexts.get(key);
    if (cached !== undefined) return cached;
    if (this.plaintexts.size >= CACHE_ENTRIES) this.plaintexts.clear();
    const pending = this.inner.decrypt(ciphertext, context);
    this.plaintexts.set(key, pending);
    pending.catch(() => this.plaintexts.delete(key));
    return pending;
  }
}
