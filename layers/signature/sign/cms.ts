import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureAlgorithm } from '#domain/signing/ports';
import { OID } from '../cms/algorithms.ts';
import { CmsFormatError } from '../errors.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';

/** What the signed attributes of a PAdES signature state (ETSI EN 319 142-1 §6.3, baseline-B). */
export interface SignedAttributesInput {
  /** SHA-256 of the signed ByteRange bytes (or of the encapsulated content). */
  readonly digest: Uint8Array;
  /** The signer's certificate (DER): named by signing-certificate-v2. */
  readonly signerCertificate: Uint8Array;
  /** CRLs proving the chain's status at signing, kept in Adobe's signed revocation attribute. */
  readonly crls?: readonly Uint8Array[];
  /** id-data for a PDF signature; id-ct-TSTInfo for a timestamp token. */
  readonly contentType?: string;
}

/**
 * The DER `SET OF Attribute` a signer signs: content-type, message-digest, signing-certificate-v2 and, with
 * CRLs, adbe-revocationInfoArchival; no signing-time attribute (PAdES: the time is the dictionary's /M).
 * Its SHA-256 is what leaves vanthu for a USB token, a remote signing service or KMS.
 *
 * @example
 * const attributes = signedAttributes({ digest, signerCertificate: chain[0] });
 * const hash = createHash('sha256').update(attributes).digest();
 */
export function signedAttributes(input: SignedAttributesInput): Uint8Array {
  const cert = pkijs.Certificate.fromBER(input.signerCertificate);
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: input.contentType ?? OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.digest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerCertificate, cert)),
  ];
  if (input.crls !== undefined && input.crls.length > 0) attributes.push(attribute(OID.adbeRevocationInfoArchival, revocationArchival(input.crls)));
  // DER: a SET OF is sorted by the encodings of its elements.
  const encoded = attributes.map((a) => Buffer.from(a.toSchema().toBER())).sort(Buffer.compare);
  return new Uint8Array(Buffer.concat([Buffer.from([0x31]), derLength(encoded.reduce((n, e) => n + e.length, 0)), ...encoded]));
}

/** SHA-256 of the signed attributes: the hash a signer signs. */
export function attributesHash(signedAttributesDer: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(signedAttributesDer).digest());
}

export interface AssembleInput {
  /** Exactly the DER that was hashed and signed (signedAttributes). */
  readonly signedAttributes: Uint8Array;
  readonly signature: Uint8Array;
  readonly algorithm: SignatureAlgorithm;
  /** DER certificates to carry, the signer's first (unless `omitSignerCertificate`). */
  readonly certificates: readonly Uint8Array[];
  /** The signer's certificate when it is not carried (tests of unidentifiable signers). */
  readonly signerCertificate?: Uint8Array;
  /** An RFC 3161 token over the signature value: the signature-time-stamp unsigned attribute (baseline-T). */
  readonly timestampToken?: Uint8Array;
  /** CRLs carried in SignedData.crls rather than signed. */
  readonly crls?: readonly Uint8Array[];
  /** Encapsulated content (a timestamp's TSTInfo); absent for a detached PDF signature. */
  readonly content?: { readonly type: string; readonly bytes: Uint8Array };
}

/**
 * A CMS SignedData (ContentInfo, DER) from signed attributes and the signature value made over their
 * SHA-256 elsewhere. Throws CmsFormatError when the attributes are not a DER SET or a certificate does not decode.
 */
export function assembleSignedData(input: AssembleInput): Uint8Array {
  const signerDer = input.signerCertificate ?? input.certificates[0];
  if (signerDer === undefined) throw new CmsFormatError('no signer certificate');
  const signerCert = certificate(signerDer);
  const parsed = asn1js.fromBER(input.signedAttributes);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Set)) throw new CmsFormatError('the signed attributes are not a DER SET');
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: parsed.result.valueBlock.value.map((schema) => new pkijs.Attribute({ schema })),
  });
  const timestamp = input.timestampToken === undefined ? undefined : asn1js.fromBER(input.timestampToken).result;
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
    signedAttrs,
    signatureAlgorithm: algorithmIdentifier(input.algorithm),
    signature: new asn1js.OctetString({ valueHex: input.signature }),
    ...(timestamp === undefined ? {} : { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attribute(OID.signatureTimeStamp, timestamp)] }) }),
  });
  const signedData = new pkijs.SignedData({
    version: input.content === undefined ? 1 : 3,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: input.content?.type ?? OID.data,
      ...(input.content === undefined ? {} : { eContent: new asn1js.OctetString({ valueHex: input.content.bytes }) }),
    }),
    certificates: input.certificates.map(certificate),
    ...(input.crls !== undefined && input.crls.length > 0 ? { crls: input.crls.map((der) => pkijs.CertificateRevocationList.fromBER(der)) } : {}),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** The CMS signatureAlgorithm of a signature over SHA-256. */
export function algorithmIdentifier(algorithm: SignatureAlgorithm): pkijs.AlgorithmIdentifier {
  switch (algorithm) {
    case 'rsa-pkcs1-sha256':
      return new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() });
    case 'ecdsa-sha256':
      return new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' });
    case 'rsa-pss-sha256':
      return new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.10', algorithmParams: pssParameters().toSchema() });
  }
}

/** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt. */
export function pssParameters(): pkijs.RSASSAPSSParams {
  const hash = new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 });
  return new pkijs.RSASSAPSSParams({
    hashAlgorithm: hash,
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: hash.toSchema() }),
    saltLength: 32,
  });
}

function certificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(der);
  } catch (cause) {
    throw new CmsFormatError('a certificate does not decode', { cause });
  }
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with SHA-256 (the default, omitted). */
function signingCertificateV2(der: Uint8Array, cert: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: cert.issuer }).toSchema()] }), cert.serialNumber],
  });
  const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

/** RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList, … } */
function revocationArchival(crls: readonly Uint8Array[]): asn1js.Sequence {
  const list = new asn1js.Sequence({ value: crls.map((der) => asn1js.fromBER(der).result) });
  return new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [list] })] });
}
