import { randomBytes } from 'node:crypto';
import { type DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KmsSecretCipher } from '#adapters/crypto/kms-cipher';
import { LocalSecretCipher } from '#adapters/crypto/local-cipher';
import { CachingSecretCipher } from '#adapters/crypto/secret-cipher';
import { SecretDecryptionError, type SecretCipher } from '#domain/webhook-keys/cipher';

const context = { organId: '000.00.00.G12', keyId: 'key_01J0000000000000000000000' };
const secret = randomBytes(32);

describe('the local secret cipher (AES-256-GCM)', () => {
  const cipher = new LocalSecretCipher(randomBytes(32));

  it('round-trips a secret, with a fresh ciphertext each time', async () => {
    // Act
    const first = await cipher.encrypt(secret, context);
    const second = await cipher.encrypt(secret, context);
    // Assess
    expect(Buffer.from(await cipher.decrypt(first, context))).toEqual(secret);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret.toString('base64'));
  });

  it('detects tampering anywhere in the ciphertext', async () => {
    // Prepare
    const stored = await cipher.encrypt(secret, context);
    const bytes = Buffer.from(stored.slice('local1:'.length), 'base64');
    // Act + Assess: flip one bit of each byte in turn (iv, tag and body)
    for (let i = 0; i < bytes.length; i += 1) {
      const tampered = Buffer.from(bytes);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      await expect(cipher.decrypt(`local1:${tampered.toString('base64')}`, context)).rejects.toThrowError(SecretDecryptionError);
    }
  });

  it('refuses a ciphertext moved to another agency or key, decrypted with another key, or truncated', async () => {
    // Prepare
    const stored = await cipher.encrypt(secret, context);
    // Assess
    await expect(cipher.decrypt(stored, { ...context, organId: '000.00.00.G09' })).rejects.toThrowError(SecretDecryptionError);
    await expect(cipher.decrypt(stored, { ...context, keyId: 'key_other' })).rejects.toThrowError(SecretDecryptionError);
    await expect(new LocalSecretCipher(randomBytes(32)).decrypt(stored, context)).rejects.toThrowError(SecretDecryptionError);
    await expect(cipher.decrypt('local1:AAAA', context)).rejects.toThrowError(SecretDecryptionError);
    await expect(cipher.decrypt('kms1:AAAA', context)).rejects.toThrowError(SecretDecryptionError);
  });

  it('needs a 32-byte key', () => {
    // Assess
    expect(() => new LocalSecretCipher(randomBytes(16))).toThrowError(RangeError);
  });
});

describe('the KMS secret cipher', () => {
  /** Records the commands and answers like KMS: the plaintext back only under the same context. */
  function fakeKms() {
    const sent: (EncryptCommand | DecryptCommand)[] = [];
    return {
      sent,
      send: async (command: EncryptCommand | DecryptCommand) => {
        sent.push(command);
        if (command instanceof EncryptCommand) {
          return { CiphertextBlob: Buffer.concat([Buffer.from(JSON.stringify(command.input.EncryptionContext)), Buffer.from('|'), Buffer.from(command.input.Plaintext ?? [])]) };
        }
        const blob = Buffer.from(command.input.CiphertextBlob ?? []);
        const bar = blob.indexOf('|');
        if (blob.subarray(0, bar).toString() !== JSON.stringify(command.input.EncryptionContext)) {
          throw Object.assign(new Error('context mismatch'), { name: 'InvalidCiphertextException' });
        }
        return { Plaintext: blob.subarray(bar + 1) };
      },
    };
  }

  it('encrypts and decrypts with the key and the encryption context {organId, keyId}', async () => {
    // Prepare
    const kms = fakeKms();
    const cipher = new KmsSecretCipher(kms as never, 'arn:aws:kms:ap-southeast-1:111122223333:key/k');
    // Act
    const stored = await cipher.encrypt(secret, context);
    const plaintext = await cipher.decrypt(stored, context);
    // Assess
    expect(stored.startsWith('kms1:')).toBe(true);
    expect(Buffer.from(plaintext)).toEqual(secret);
    expect(kms.sent.map((c) => [c.constructor.name, c.input.KeyId, c.input.EncryptionContext])).toEqual([
      ['EncryptCommand', 'arn:aws:kms:ap-southeast-1:111122223333:key/k', { organId: context.organId, keyId: context.keyId }],
      ['DecryptCommand', 'arn:aws:kms:ap-southeast-1:111122223333:key/k', { organId: context.organId, keyId: context.keyId }],
    ]);
  });

  it("reports KMS's refusal of the context as a decryption error, and lets other errors through", async () => {
    // Prepare
    const kms = fakeKms();
    const cipher = new KmsSecretCipher(kms as never, 'k');
    const stored = await cipher.encrypt(secret, context);
    const throttled = new KmsSecretCipher(
      {
        send: async () => {
          throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
        },
      } as never,
      'k',
    );
    // Assess
    await expect(cipher.decrypt(stored, { ...context, organId: '000.00.00.G09' })).rejects.toThrowError(SecretDecryptionError);
    await expect(throttled.decrypt(stored, context)).rejects.toThrowError('slow down');
  });
});

describe('the decryption cache', () => {
  function counting(inner: SecretCipher) {
    let decrypts = 0;
    return { cipher: { encrypt: inner.encrypt.bind(inner), decrypt: (c: string, ctx: typeof context) => ((decrypts += 1), inner.decrypt(c, ctx)) }, count: () => decrypts };
  }

  it('decrypts each stored secret once per container, and a rotated secret again', async () => {
    // Prepare
    const local = new LocalSecretCipher(randomBytes(32));
    const inner = counting(local);
    const cache = new CachingSecretCipher(inner.cipher);
    const stored = await cache.encrypt(secret, context);
    const rotated = await cache.encrypt(randomBytes(32), context);
    // Act
    await Promise.all([cache.decrypt(stored, context), cache.decrypt(stored, context)]);
    await cache.decrypt(stored, context);
    await cache.decrypt(rotated, context);
    // Assess
    expect(inner.count()).toBe(2);
  });

  it('does not remember a failure', async () => {
    // Prepare
    const inner = counting(new LocalSecretCipher(randomBytes(32)));
    const cache = new CachingSecretCipher(inner.cipher);
    // Act
    await expect(cache.decrypt('local1:AAAA', context)).rejects.toThrowError(SecretDecryptionError);
    await expect(cache.decrypt('local1:AAAA', context)).rejects.toThrowError(SecretDecryptionError);
    // Assess
    expect(inner.count()).toBe(2);
  });
});
