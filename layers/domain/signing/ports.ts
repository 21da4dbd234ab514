/**
 * Where signatures are made (docs/SIGNATURES.md, "Signing in the workflow"). vanthu never holds a person's
 * private key: a leader signs with a USB token through the portal or a signing plugin (the client-side
 * signer), or with a remote signing service (CSC v2, or a provider's own API behind the same port). The
 * agency's key is a KMS key (AgencySealer). Every signature is over a SHA-256 hash of CMS signed attributes.
 */

/** How a key signs a SHA-256 hash; the CMS signatureAlgorithm follows from it. */
export const signatureAlgorithms = ['rsa-pkcs1-sha256', 'rsa-pss-sha256', 'ecdsa-sha256'] as const;
export type SignatureAlgorithm = (typeof signatureAlgorithms)[number];

/** A signing key as its holder describes it: the certificate chain (signer first, DER) and how it signs. */
export interface SigningCredential {
  /** DER certificates, the signer's first, then its CAs (the root may be left out). */
  readonly certificates: readonly Uint8Array[];
  /** The algorithms the key can sign with, preferred first. */
  readonly algorithms: readonly SignatureAlgorithm[];
}

/** What one signature request asks of a remote signing service. */
export interface RemoteSignatureRequest {
  readonly credentialId: string;
  /** SHA-256 of the DER signed attributes: the only thing that leaves vanthu. */
  readonly hash: Uint8Array;
  readonly algorithm: SignatureAlgorithm;
  /**
   * What the signer gave to authorise this one signature (CSC `authData`: PIN, OTP; a provider's own
   * fields). Passed through to the service once, never stored or logged.
   */
  readonly authorization: Readonly<Record<string, string>>;
  /** Shown to the signer by services that ask for confirmation (document notation and subject). */
  readonly description: string;
}

/**
 * A remote signature's outcome: signed now (CSC v2 signHash), or waiting for the signer's confirmation on
 * a provider's app (collected later with the transaction id), or refused (wrong PIN, declined, expired).
 */
export type RemoteSignatureOutcome =
  | { readonly kind: 'signed'; readonly signature: Uint8Array }
  | { readonly kind: 'pending'; readonly transactionId: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A remote signing service (ký số từ xa): the Cloud Signature Consortium API v2 (layers/adapters/signing/
 * csc-client.ts) or a provider's own API. `credential` and `requestSignature` may throw
 * `RemoteSignerError` when the service cannot be reached or answers nonsense.
 */
export interface RemoteSigningService {
  /** The credential's certificates and algorithms; undefined when the service has no such credential. */
  credential(credentialId: string): Promise<SigningCredential | undefined>;
  requestSignature(request: RemoteSignatureRequest): Promise<RemoteSignatureOutcome>;
  /** The outcome of a request that answered `pending`. */
  collect(transactionId: string): Promise<RemoteSignatureOutcome>;
}

/** The agency's seal (chữ ký số của cơ quan, tổ chức): a key that never leaves KMS, and its certificates. */
export interface AgencySealer {
  /** The agency's sealing credential, or undefined when none is configured for it. */
  credential(organId: string): Promise<SigningCredential | undefined>;
  /** Signs a SHA-256 hash with the agency's key: exactly one KMS Sign call. */
  sign(organId: string, hash: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array>;
}

/** An RFC 3161 time-stamping authority: a TimeStampToken (DER) over a SHA-256 hash. */
export interface Timestamper {
  timestamp(hash: Uint8Array): Promise<Uint8Array>;
}

/** A remote signing service or time-stamping authority that could not be used (network, protocol). */
export class RemoteSignerError extends Error {
  override readonly name = 'RemoteSignerError';
}

/** Where a PDF signature's revocation data comes from when it is made (CRLs of the signer's chain). */
export interface RevocationSource {
  /** CRLs (DER) that establish the status of `certificates` (signer first) now; empty when none can be had. */
  crls(certificates: readonly Uint8Array[]): Promise<readonly Uint8Array[]>;
}
