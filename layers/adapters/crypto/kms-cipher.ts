import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { SecretDecryptionError, type SecretCipher, type SecretContext } from '#domain/webhook-keys/cipher';

const PREFIX = 'kms1:';

/**
 * Secrets encrypted by AWS KMS under the webhook secrets key, with the encryption context
 * `{organId, keyId}`: KMS refuses to decrypt under any other context, and CloudTrail logs each use with it.
 * The function's grant is conditioned on that context (infra/constructs/bindings.ts).
 *
 * @example
 * const cipher = new KmsSecretCipher(new KMSClient({}), required('WEBHOOK_KMS_KEY_ID'));
 */
export class KmsSecretCipher implements SecretCipher {
  constructor(
    private readonly client: Pick<KMSClient, 'send'>,
    private readonly keyId: string,
  ) {}

  async encrypt(plaintext: Uint8Array, context: SecretContext): Promise<string> {
    const result = await this.client.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: plaintext, EncryptionContext: encryptionContext(context) }));
    if (result.CiphertextBlob === undefined) throw new Error('KMS Encrypt returned no ciphertext');
    return PREFIX + Buffer.from(result.CiphertextBlob).toString('base64');
  }

  async decrypt(ciphertext: string, context: SecretContext): Promise<Uint8Array> {
    if (!ciphertext.startsWith(PREFIX)) throw new SecretDecryptionError('The stored secret was not encrypted by KMS.');
    try {
      const result = await this.client.send(
        new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(ciphertext.slice(PREFIX.length), 'base64'), EncryptionContext: encryptionContext(context) }),
      );
      if (result.Plaintext === undefined) throw new Error('KMS Decrypt returned no plaintext');
      return result.Plaintext;
    } catch (error) {
      // Only KMS's verdict on the ciphertext is a decryption error; throttling and network errors stay as they are.
      if (error instanceof Error && (error.name === 'InvalidCiphertextException' || error.name === 'IncorrectKeyException')) {
        throw new SecretDecryptionError('The stored secret does not decrypt under its context: tampered, moved, or another key.', { cause: error });
      }
      throw error;
    }
  }
}

function encryptionContext(context: SecretContext): Record<string, string> {
  return { organId: context.organId, keyId: context.keyId };
}
