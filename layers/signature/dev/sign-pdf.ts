import { DevSignerError } from '../errors.ts';
import { updatePdf, embedSignature } from '../sign/pdf-update.ts';
import { SigningError } from '../sign/errors.ts';
import { buildCms, type CrlPlacement } from './cms-builder.ts';
import type { Identity } from './pki.ts';
import { timestampToken, type DevTsa } from './timestamp-token.ts';

export interface DevSignOptions {
  readonly signer: Identity;
  /** CA certificates to embed. */
  readonly chain: readonly Uint8Array[];
  /** Claimed signing time, written to /M. */
  readonly signingTime: Date;
  /** Field name, e.g. `Signature-leader`. */
  readonly fieldName: string;
  readonly reason?: string;
  readonly crls?: readonly Uint8Array[];
  readonly crlPlacement?: CrlPlacement;
  /** Bytes reserved for the CMS in /Contents. */
  readonly contentsSize?: number;
  /** Make a PAdES document timestamp (ETSI.RFC3161) from this TSA instead of a signature; `signer` is unused. */
  readonly documentTimestamp?: DevTsa;
  /** Add a signature timestamp from this TSA at this time (PAdES baseline-T). */
  readonly timestamp?: { readonly tsa: DevTsa; readonly at: Date };
  /** Make a certification signature (DocMDP, ISO 32000-1 §12.8.2.2) allowing changes of this level. */
  readonly certificationLevel?: 1 | 2 | 3;
  readonly omitSignerCertificate?: boolean;
}

/**
 * DEVELOPMENT-ONLY signer: adds a signature field on page 1 and its signature in one incremental update
 * (ISO 32000-1 §12.8.1, sign/pdf-update.ts), the way a signing client does — earlier bytes and signatures
 * are untouched, so a leader's signature followed by an agency's gives two revisions that both verify.
 *
 * @example
 * const signed = signPdfDev(pdf, { signer: leader, chain: [root.certificate], signingTime: new Date(), fieldName: 'Signature-leader', crls: [crl] });
 */
export function signPdfDev(pdf: Uint8Array, options: DevSignOptions): Uint8Array {
  const stampOnly = options.documentTimestamp !== undefined;
  const contentsSize = options.contentsSize ?? 16_384;
  try {
    const { bytes, signature } = updatePdf(pdf, {
      signature: {
        fieldName: options.fieldName,
        subFilter: stampOnly ? 'ETSI.RFC3161' : 'ETSI.CAdES.detached',
        ...(stampOnly ? {} : { signingTime: options.signingTime, reason: options.reason ?? 'DEVELOPMENT ONLY test signature' }),
        contentsSize,
        ...(options.certificationLevel === undefined ? {} : { certificationLevel: options.certificationLevel }),
      },
    });
    if (signature === undefined) throw new DevSignerError('signature placeholders not found in the update');
    return embedSignature(bytes, signature.hole, contentsFor(signature.digest, bytes, signature.hole, options));
  } catch (error) {
    if (error instanceof SigningError) throw new DevSignerError(error.message, { cause: error });
    throw error;
  }
}

/** The /Contents value: an RFC 3161 token for a document timestamp, else the signature's CMS. */
function contentsFor(digest: Uint8Array, bytes: Uint8Array, hole: { start: number; end: number }, options: DevSignOptions): Uint8Array {
  if (options.documentTimestamp !== undefined) {
    const signed = Buffer.concat([bytes.subarray(0, hole.start), bytes.subarray(hole.end)]);
    return timestampToken(options.documentTimestamp, signed, options.signingTime);
  }
  const stamp = options.timestamp;
  return buildCms({
    signer: options.signer,
    chain: options.chain,
    digest,
    crls: options.crls ?? [],
    crlPlacement: options.crlPlacement ?? 'signed-attribute',
    omitSignerCertificate: options.omitSignerCertificate,
    timestamp: stamp === undefined ? undefined : (signature) => timestampToken(stamp.tsa, signature, stamp.at),
  });
}
