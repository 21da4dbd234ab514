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

/**
 * An RFC 3161 TimeStampToken (§2.4.2) stating that `stamped` existed at `genTime`, signed by `tsa`.
 * Used by the development signer to make PAdES baseline-T signatures (signature-time-stamp attribute).
 *
 * @example
 * const token = timestampToken(tsa, signatureValue, new Date());
 */
export function timestampToken(tsa: DevTsa, stamped: Uint8Array, genTime: Date): Uint8Array {
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(stamped).digest() }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: randomBytes(8) }),
    genTime,
  });
  const bytes = new Uint8Array(info.toSchema().toBER());
  return buildCms({
    signer: tsa.identity,
    chain: tsa.chain,
    digest: new Uint8Array(createHash('sha256').update(bytes).digest()),
    crls: tsa.crls ?? [],
    crlPlacement: 'cms',
    content: { type: OID.tstInfo, bytes },
  });
}
