import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../cms/algorithms.ts';
import { buildCms } from './cms-builder.ts';
import type { Identity } from './pki.ts';

/** A DEVELOPMENT-ONLY time-stamping authority: its certificate must carry id-kp-timeStamping. */
export interface DevTsa {
  readonly identity: Identity;
  readonly chain: readonly Uint8Array[];
  /** CRLs to carry in the token's SignedData.crls, so the TSA's own status can be established. */
  readonly crls?: readonly Uint8Array[];
}

/** How a DEVELOPMENT-ONLY TSA answers one request (the dev remote signer's `/tsa`). */
export interface TimestampTokenOptions {
  /** `stamped` is already the SHA-256 imprint (an RFC 3161 request's hashedMessage), not the data. */
  readonly prehashed?: boolean;
  /** The request's nonce (DER INTEGER content octets), copied into the TSTInfo. */
  readonly nonce?: Uint8Array;
  /** Carry the TSA's certificates (RFC 3161 certReq); default true. */
  readonly certificates?: boolean;
}

/**
 * An RFC 3161 TimeStampToken (§2.4.2) stating that `stamped` existed at `genTime`, signed by `tsa`.
 * Used by the development signer to make PAdES baseline-T signatures (signature-time-stamp attribute),
 * and by the DEVELOPMENT-ONLY TSA of the dev remote signer, which stamps a request's imprint with its nonce.
 *
 * @example
 * const token = timestampToken(tsa, signatureValue, new Date());
 * const answer = timestampToken(tsa, request.hashedMessage, new Date(), { prehashed: true, nonce: request.nonce });
 */
export function timestampToken(tsa: DevTsa, stamped: Uint8Array, genTime: Date, options: TimestampTokenOptions = {}): Uint8Array {
  const imprint = options.prehashed === true ? stamped : createHash('sha256').update(stamped).digest();
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: randomBytes(8) }),
    genTime,
    ...(options.nonce === undefined ? {} : { nonce: new asn1js.Integer({ valueHex: options.nonce }) }),
  });
  const bytes = new Uint8Array(info.toSchema().toBER());
  const certificates = options.certificates ?? true;
  return buildCms({
    signer: tsa.identity,
    chain: certificates ? tsa.chain : [],
    omitSignerCertificate: !certificates,
    digest: new Uint8Array(createHash('sha256').update(bytes).digest()),
    crls: tsa.crls ?? [],
    crlPlacement: 'cms',
    content: { type: OID.tstInfo, bytes },
  });
}
