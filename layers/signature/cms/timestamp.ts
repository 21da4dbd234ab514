import * as pkijs from 'pkijs';
import { reasonOf } from '../errors.ts';
import { extendedKeyUsages, parseCert, type Cert } from '../trust/certificate.ts';
import { digestByOid, OID } from './algorithms.ts';
import { parseSignedData } from './signed-data.ts';
import { checkSignerInfo, contentOf, type SignedContent, type SignerInfoCheck } from './signer-info.ts';

/** An RFC 3161 time-stamp token checked against the data it claims to stamp. */
export interface TimestampCheck {
  readonly genTime: Date | undefined;
  readonly imprint: 'match' | 'mismatch' | 'unchecked';
  /** Imprint matches, signature value verifies, TSA certificate identified and for time-stamping. */
  readonly intact: boolean;
  readonly tsaCert: Cert | undefined;
  /** Certificates carried in the token: candidates for the TSA's path. */
  readonly certificates: readonly Cert[];
  readonly crls: readonly Uint8Array[];
  readonly signer: SignerInfoCheck | undefined;
  readonly problems: readonly string[];
}

/**
 * Checks a time-stamp token (RFC 3161 §2.4.2; ETSI EN 319 122-1 signature-time-stamp, or a PAdES
 * document timestamp): the TSTInfo's message imprint must be the hash of `stamped`, and the token's
 * CMS signature must verify with a certificate that carries id-kp-timeStamping. Whether the TSA is
 * trusted is decided by the caller with the same chain rules as for signers.
 *
 * @example
 * const ts = checkTimestamp(token, contentOf(signerInfoCheck.signature));
 */
export function checkTimestamp(token: Uint8Array, stamped: SignedContent): TimestampCheck {
  const problems: string[] = [];
  try {
    const cms = parseSignedData(token);
    const certificates = cms.certificates.map(parseCert);
    if (cms.eContentType !== OID.tstInfo || cms.eContent === undefined) throw new Error('token does not encapsulate a TSTInfo');
    const info = pkijs.TSTInfo.fromBER(cms.eContent);
    const digest = digestByOid(info.messageImprint.hashAlgorithm.algorithmId);
    const expected = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
    const imprintOk = digest !== undefined && expected.equals(Buffer.from(stamped.digest(digest.node)));
    if (!imprintOk) problems.push('the timestamp message imprint does not match the stamped data');
    const signerInfo = cms.signerInfos[0];
    if (signerInfo === undefined) throw new Error('token has no SignerInfo');
    const signer = checkSignerInfo(signerInfo, certificates, contentOf(cms.eContent), OID.tstInfo);
    problems.push(...signer.problems);
    if (signer.messageDigest !== 'match') problems.push('the timestamp message-digest attribute does not match its TSTInfo');
    if (signer.signatureValue !== 'valid') problems.push(`the timestamp signature is ${signer.signatureValue}`);
    const tsaCert = signer.signerCert;
    if (tsaCert === undefined) problems.push('the TSA certificate is not in the token');
    else if (!(extendedKeyUsages(tsaCert) ?? []).includes(OID.ekuTimeStamping)) problems.push('the TSA certificate is not for time-stamping');
    return { genTime: info.genTime, imprint: imprintOk ? 'match' : 'mismatch', intact: problems.length === 0, tsaCert, certificates, crls: cms.crls, signer, problems };
  } catch (error) {
    return {
      genTime: undefined,
      imprint: 'unchecked',
      intact: false,
      tsaCert: undefined,
      certificates: [],
      crls: [],
      signer: undefined,
      problems: [`unreadable timestamp token: ${reasonOf(error)}`],
    };
  }
}
