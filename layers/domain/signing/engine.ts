import type { SignaturePolicy } from '../documents/signature-policy.ts';
import type { AgencySealer, RemoteSigningService, RevocationSource, SignatureAlgorithm, Timestamper } from './ports.ts';
import type { SigningSessionStore } from './session.ts';
import type { StampPlacement } from './stamp.ts';

/** A PDF with a reserved /Contents, and the DER signed attributes (and their SHA-256) a signer signs. */
export interface PreparedSignature {
  readonly bytes: Uint8Array;
  readonly hole: { readonly start: number; readonly end: number };
  readonly signedAttributes: Uint8Array;
  readonly hash: Uint8Array;
  /** SHA-256 of the bytes the signature covers (everything but its hole): what a plugin's own CMS states as message-digest. */
  readonly documentDigest: Uint8Array;
}

/** What a signature made elsewhere brings back: its value over the prepared hash, and how it was made. */
export interface SignatureValue {
  readonly signedAttributes: Uint8Array;
  readonly signature: Uint8Array;
  readonly algorithm: SignatureAlgorithm;
  /** The signer's chain, signer first (DER). */
  readonly certificates: readonly Uint8Array[];
  /** An RFC 3161 token over the signature value, when a TSA is configured (PAdES baseline-T). */
  readonly timestampToken?: Uint8Array;
}

/** A PDF's verification: the report's verdict and lines, and the evidence to keep (layers/signature). */
export interface PdfVerification {
  readonly verdict: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
  readonly report: Readonly<Record<string, unknown>> & { readonly signatures: readonly SignatureLine[] };
  readonly evidence: Readonly<Record<string, unknown>>;
}

export interface SignatureLine {
  readonly indication: string;
  readonly subIndication?: string;
  readonly signer?: string;
  readonly signingTime?: string;
  readonly reasons?: readonly string[];
  readonly certificationLevel?: number | null;
}

/**
 * The PDF side of signing (layers/signature behind a port): prepare a personal signature (with the empty
 * number and date fields under it), stamp the number and date and prepare the agency's seal in one
 * incremental update, embed a CMS, verify. Throws `UnprocessableError` (`pdf-not-signable`) for a PDF it
 * cannot sign: unreadable, encrypted, no such page, a placement too small for the text, fields named like
 * vanthu's that vanthu did not make, two fields of one name.
 */
export interface PdfSigningEngine {
  preparePersonal(
    pdf: Uint8Array,
    request: {
      readonly fieldName: string;
      readonly signerName: string;
      readonly reason: string;
      readonly signingTime: Date;
      readonly certificates: readonly Uint8Array[];
      readonly crls: readonly Uint8Array[];
      /** Where to create the empty number and date fields, unless the PDF already has them. */
      readonly stamp: StampPlacement;
      /** The PDF was signed through vanthu before (its number and date fields are vanthu's); otherwise such fields are refused. */
      readonly stampFieldsExpected?: boolean;
      /** DocMDP level of a certification signature (the first signature of the file). */
      readonly certificationLevel?: 2;
    },
  ): Promise<PreparedSignature>;
  /** Fills the number and date (creating the fields at `placement` when the PDF lacks them) and reserves the seal. */
  prepareIssue(
    pdf: Uint8Array,
    request: {
      readonly numberLine: string;
      readonly dateLine: string;
      readonly placement: StampPlacement;
      readonly signingTime: Date;
      /** The agency's seal to reserve; absent: the stamp alone. */
      readonly seal?: {
        readonly fieldName: string;
        readonly signerName: string;
        readonly reason: string;
        readonly certificates: readonly Uint8Array[];
        readonly crls: readonly Uint8Array[];
      };
    },
  ): Promise<{ readonly bytes: Uint8Array; readonly seal?: PreparedSignature }>;
  /** True when `signature` is a valid signature of the signed attributes by the first certificate. */
  checkValue(value: SignatureValue): boolean;
  /** The prepared PDF with the CMS built from `value` in its hole. */
  embed(prepared: Pick<PreparedSignature, 'bytes' | 'hole'>, value: SignatureValue): Uint8Array;
  /** The prepared PDF with a whole CMS a signing plugin made over `documentDigest` in its hole. */
  embedCms(prepared: Pick<PreparedSignature, 'bytes' | 'hole'>, cms: Uint8Array): Uint8Array;

  verify(pdf: Uint8Array, now: Date): Promise<PdfVerification>;
  /** A certificate's common name, SHA-256 (hex), expiry and the algorithms its key signs with; throws when it does not decode. */
  describeCertificate(certificate: Uint8Array): {
    readonly commonName: string;
    readonly sha256: string;
    readonly notAfter: string;
    readonly algorithms: readonly SignatureAlgorithm[];
  };
}

/** The stage's signing settings (SSM): what issuing requires, and whether a remote signing service is there. */
export interface SigningSettings {
  readonly policy: SignaturePolicy;
  readonly remoteSigner: boolean;
}

/** Everything the signing use cases need, one field of the use cases' Dependencies. */
export interface SigningPorts {
  settings(): Promise<SigningSettings>;
  /** The PDF engine, loaded on first use (in AWS a file of its own beside the bundle). */
  engine(): Promise<PdfSigningEngine>;
  readonly sessions: SigningSessionStore;
  /** The remote signing service; throws when none is configured (settings().remoteSigner is false). */
  remote(): Promise<RemoteSigningService>;
  readonly sealer: AgencySealer;
  readonly revocation: RevocationSource;
  /** The TSA, when one is configured. */
  timestamper(): Promise<Timestamper | undefined>;
}
