/**
 * Encryption of secrets at rest (webhook `whsec_` secrets, outbound signing secrets): AWS KMS in AWS, a
 * local AES-256-GCM key in the local runtime. The context is bound to the ciphertext (KMS encryption context,
 * GCM additional data): a ciphertext copied to another agency's or key's item does not decrypt.
 */
export interface SecretContext {
  readonly organId: string;
  readonly keyId: string;
}

export interface SecretCipher {
  /** The ciphertext as text, ready to store. */
  encrypt(plaintext: Uint8Array, context: SecretContext): Promise<string>;
  /** @throws {SecretDecryptionError} tampered ciphertext, wrong context or wrong key. */
  decrypt(ciphertext: string, context: SecretContext): Promise<Uint8Array>;
}

/** A stored secret that does not decrypt under its context: tampering, a copied item, or the wrong key. */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}
