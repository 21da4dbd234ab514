import * as z from 'zod';

/**
 * The verification report of `vanthu verify` (docs/SIGNATURES.md): one entry per signature in signing
 * order, with ETSI EN 319 102-1 indications. Fields beyond the stable core (reasons, weak algorithms,
 * where the signing time comes from, changes after signing) explain each verdict.
 */
export const Indication = z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']);
export type Indication = z.infer<typeof Indication>;

export const SubIndication = z.enum([
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'EXPIRED',
  'NOT_YET_VALID',
  'SIG_CONSTRAINTS_FAILURE',
  'CHAIN_CONSTRAINTS_FAILURE',
  'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'REVOKED_NO_POE',
  'REVOKED_CA_NO_POE',
  'OUT_OF_BOUNDS_NO_POE',
  'OUT_OF_BOUNDS_NOT_REVOKED',
  'REVOCATION_OUT_OF_BOUNDS_NO_POE',
  'TRY_LATER',
  'SIGNED_DATA_NOT_FOUND',
  'GENERIC',
]);
export type SubIndication = z.infer<typeof SubIndication>;

export const ChainEntry = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256: z.string(),
  trustAnchor: z.boolean(),
});
export type ChainEntry = z.infer<typeof ChainEntry>;

export const RevocationReport = z.object({
  /** `not-checked` when no trusted path exists (nothing to check against). */
  status: z.enum(['good', 'revoked', 'unknown', 'not-checked']),
  certificates: z.array(
    z.object({ subject: z.string(), status: z.enum(['good', 'revoked', 'unknown']), source: z.string().nullable(), revokedAt: z.string().nullable(), detail: z.string() }),
  ),
});
export type RevocationReport = z.infer<typeof RevocationReport>;

export const ChangeCategory = z.enum(['extension', 'form-fill', 'new-field', 'annotation', 'metadata', 'undefined', 'pages']);
export type ChangeCategory = z.infer<typeof ChangeCategory>;

export const Change = z.object({ category: ChangeCategory, object: z.number().nullable(), description: z.string() });
export type Change = z.infer<typeof Change>;

export const SignatureReport = z.object({
  /** 1-based position in signing order. */
  index: z.number().int(),
  field: z.string(),
  indication: Indication,
  subIndication: SubIndication.optional(),
  /** Common name of the signer certificate, null when no certificate identifies the signer. */
  signer: z.string().nullable(),
  signerSubject: z.string().nullable(),
  signingTime: z.string().nullable(),
  signingTimeSource: z.enum(['timestamp', 'claimed', 'none']),
  coversWholeDocument: z.boolean(),
  modifiedAfterSigning: z.boolean(),
  chain: z.array(ChainEntry),
  revocation: RevocationReport,
  subFilter: z.string().nullable(),
  byteRange: z.array(z.number()).nullable(),
  digestAlgorithm: z.string().nullable(),
  signatureAlgorithm: z.string().nullable(),
  weakAlgorithms: z.array(z.string()),
  /** Certification signature (DocMDP) permission level 1–3, null for approval signatures. */
  certificationLevel: z.number().int().nullable(),
  changesAfterSigning: z.array(Change),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type SignatureReport = z.infer<typeof SignatureReport>;

export const DocumentTimestampReport = z.object({
  index: z.number().int(),
  field: z.string(),
  indication: Indication,
  subIndication: SubIndication.optional(),
  tsa: z.string().nullable(),
  time: z.string().nullable(),
  coversWholeDocument: z.boolean(),
  modifiedAfterSigning: z.boolean(),
  chain: z.array(ChainEntry),
  byteRange: z.array(z.number()).nullable(),
  reasons: z.array(z.string()),
});
export type DocumentTimestampReport = z.infer<typeof DocumentTimestampReport>;

export const VerificationReport = z.object({
  verdict: Indication,
  signatures: z.array(SignatureReport),
  documentTimestamps: z.array(DocumentTimestampReport),
  /** Document-level reasons: unreadable file, limits reached, no signature. */
  reasons: z.array(z.string()),
  fileSha256: z.string(),
  fileSize: z.number().int(),
  verifiedAt: z.string(),
});
export type VerificationReport = z.infer<typeof VerificationReport>;
