import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretDecryptionError, type SecretCipher, type SecretContext } from '#domain/webhook-keys/cipher';

const PREFIX = 'local1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The local runtime's stand-in for KMS: AES-256-GCM under a 32-byte key kept in the data folder
 * (`VANTHU_LOCAL_SECRET_KEY`, base64url). The context is the GCM additional data, so a ciphertext moved to
 * another agency's or key's item fails authentication like a tampered one. Development only.
 *
 * @example
 * const cipher = new LocalSecretCipher(randomBytes(32));
 * const stored = await cipher.encrypt(secret, { organId: '000.00.00.G12', keyId: 'key_1' });
 */
export class LocalSecretCipher implements SecretCipher {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength !== 32) throw new RangeError(`The local secret key must be 32 bytes, got ${key.byteLength}.`);
    this.key = Buffer.from(key);
  }

  /** Reads the key from its base64url text form (what the local runtime generates). */
  static fromText(text: string): LocalSecretCipher {
    return new LocalSecretCipher(Buffer.from(text, 'base64url'));
  }

  async encrypt(plaintext: Uint8Array, context: SecretContext): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(additionalData(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  async decrypt(ciphertext: string, context: SecretContext): Promise<Uint8Array> {
    if (!ciphertext.startsWith(PREFIX)) throw new SecretDecryptionError('The stored secret was not encrypted by the local cipher.');
    const bytes = Buffer.from(ciphertext.slice(PREFIX.length), 'base64');
    if (bytes.byteLength < IV_BYTES + TAG_BYTES) throw new SecretDecryptionError('The stored secret is truncated.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch (cause) {
      throw new SecretDecryptionError('The stored secret does not decrypt under its context: tampered, moved, or another key.', { cause });
    }
  }
}

function additionalData(context: SecretContext): Buffer {
  return Buffer.from(JSON.stringify(['vanthu-secret', context.organId, context.keyId]), 'utf8');
}
