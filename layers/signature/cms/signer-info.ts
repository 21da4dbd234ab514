import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Cert } from '../trust/certificate.ts';
import { digestByOid, OID, type DigestAlgorithm } from './algorithms.ts';
import { readSigningCertificateRef, readRevocationArchival, type RevocationArchival } from './attributes.ts';
import { verifySignatureValue } from './signature-value.ts';

/** What the CMS signs: the PDF's ByteRange bytes, or a timestamp's TSTInfo. Lazily hashed. */
export interface SignedContent {
  digest(hash: string): Uint8Array;
  data(): Uint8Array;
}

/** The result of checking one SignerInfo (RFC 5652 §5.4–5.6) against its content. */
export interface SignerInfoCheck {
  readonly signerCert: Cert | undefined;
  readonly digestAlgorithm: DigestAlgorithm | undefined;
  readonly signatureAlgorithm: string;
  readonly hasSignedAttributes: boolean;
  readonly messageDigest: 'match' | 'mismatch' | 'absent';
  readonly signatureValue: 'valid' | 'invalid' | 'unsupported' | 'unchecked';
  readonly signingCertificateRef: 'match' | 'mismatch' | 'absent';
  readonly claimedSigningTime: Date | undefined;
  readonly revocationArchival: RevocationArchival;
  /** RFC 3161 tokens of the signature-time-stamp unsigned attribute. */
  readonly timestampTokens: readonly Uint8Array[];
  /** The signature value: what a signature timestamp's message imprint covers. */
  readonly signature: Uint8Array;
  /** Structure problems (missing or duplicated attributes, wrong content type). */
  readonly problems: readonly string[];
  readonly weakAlgorithms: readonly string[];
}

/**
 * Checks one SignerInfo: identifies the signer certificate among `certs`, compares the message digest,
 * verifies the signature value over the signed attributes (or the content when there are none) and reads
 * the attributes PAdES relies on.
 *
 * @example
 * const check = checkSignerInfo(cms.signedData.signerInfos[0], certs, content, OID.data);
 */
export function checkSignerInfo(signerInfo: pkijs.SignerInfo, certs: readonly Cert[], content: SignedContent, eContentType: string): SignerInfoCheck {
  const problems: string[] = [];
  const digestAlgorithm = digestByOid(signerInfo.digestAlgorithm.algorithmId);
  if (digestAlgorithm === undefined) problems.push(`unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  const signerCert = certs.find((cert) => identifies(signerInfo.sid, cert));
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const single = (oid: string): pkijs.Attribute | undefined => {
    const found = attributes.filter((a) => a.type === oid);
    if (found.length > 1 || (found[0] !== undefined && found[0].values.length !== 1)) problems.push(`signed attribute ${oid} is repeated or multi-valued`);
    return found[0];
  };
  const hasSignedAttributes = signerInfo.signedAttrs !== undefined;
  let messageDigest: SignerInfoCheck['messageDigest'] = 'absent';
  if (hasSignedAttributes) {
    const contentType = single(OID.contentType)?.values[0];
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== eContentType)
      problems.push('content-type attribute missing or different from the encapsulated content type');
    const digestValue = single(OID.messageDigest)?.values[0];
    if (!(digestValue instanceof asn1js.OctetString)) problems.push('message-digest attribute missing');
    else if (digestAlgorithm !== undefined) {
      const actual = content.digest(digestAlgorithm.node);
      messageDigest = Buffer.compare(Buffer.from(actual), Buffer.from(digestValue.valueBlock.valueHexView)) === 0 ? 'match' : 'mismatch';
    }
  }
  const signature = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
  const signed = hasSignedAttributes ? new Uint8Array(signerInfo.signedAttrs?.encodedValue ?? new ArrayBuffer(0)) : content.data();
  const value = signerCert === undefined ? undefined : verifySignatureValue(signerInfo.signatureAlgorithm, digestAlgorithm, signerCert.publicKey, signed, signature);
  if (value?.detail !== undefined) problems.push(value.detail);
  const reference = readSigningCertificateRef(single(OID.signingCertificateV2) ?? single(OID.signingCertificate));
  const signingCertificateRef = reference === undefined ? 'absent' : signerCert !== undefined && reference.matches(signerCert.der) ? 'match' : 'mismatch';
  const weakAlgorithms = weak([digestAlgorithm, value?.digest], signerCert);
  return {
    signerCert,
    digestAlgorithm,
    signatureAlgorithm: value?.algorithm ?? signerInfo.signatureAlgorithm.algorithmId,
    hasSignedAttributes,
    messageDigest,
    signatureValue: value?.outcome ?? 'unchecked',
    signingCertificateRef,
    claimedSigningTime: signingTime(single(OID.signingTime)),
    revocationArchival: readRevocationArchival(single(OID.adbeRevocationInfoArchival)),
    timestampTokens: (signerInfo.unsignedAttrs?.attributes ?? [])
      .filter((a) => a.type === OID.signatureTimeStamp)
      .flatMap((a) => a.values.map((v) => new Uint8Array(v.valueBeforeDecodeView))),
    signature,
    problems,
    weakAlgorithms,
  };
}

/** Digest of arbitrary bytes as `SignedContent`, for tests and timestamps. */
export function contentOf(data: Uint8Array): SignedContent {
  return { digest: (hash) => createHash(hash).update(data).digest(), data: () => data };
}

function identifies(sid: unknown, cert: Cert): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return sid.issuer.isEqual(cert.structure.issuer) && sid.serialNumber.isEqual(cert.structure.serialNumber);
  }
  // subjectKeyIdentifier [0] IMPLICIT OCTET STRING
  if (sid instanceof asn1js.Primitive || sid instanceof asn1js.Constructed) {
    const ski = cert.structure.extensions?.find((e) => e.extnID === '2.5.29.14');
    if (ski === undefined) return false;
    const parsed = asn1js.fromBER(ski.extnValue.valueBlock.valueHexView).result;
    const id = parsed instanceof asn1js.OctetString ? parsed.valueBlock.valueHexView : undefined;
    const wanted = sid instanceof asn1js.Primitive ? sid.valueBlock.valueHexView : undefined;
    return id !== undefined && wanted !== undefined && Buffer.compare(Buffer.from(id), Buffer.from(wanted)) === 0;
  }
  return false;
}

function signingTime(attribute: pkijs.Attribute | undefined): Date | undefined {
  const value = attribute?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return undefined;
}

function weak(digests: (DigestAlgorithm | undefined)[], cert: Cert | undefined): string[] {
  const found = new Set(digests.filter((d): d is DigestAlgorithm => d?.weak === true).map((d) => d.name));
  const details = cert?.publicKey.asymmetricKeyDetails;
  if (details?.modulusLength !== undefined && details.modulusLength < 2048) found.add(`RSA-${details.modulusLength}`);
  return [...found];
}
