import { constants, createHash, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../cms/algorithms.ts';
import type { Identity } from './pki.ts';

/** Where the development signer puts the CRL that proves the signer was not revoked. */
export type CrlPlacement = 'signed-attribute' | 'cms' | 'none';

export interface CmsInput {
  readonly signer: Identity;
  /** Other certificates to embed (the CA), not the signer's. */
  readonly chain: readonly Uint8Array[];
  /** SHA-256 of the signed ByteRange bytes. */
  readonly digest: Uint8Array;
  readonly crls: readonly Uint8Array[];
  readonly crlPlacement: CrlPlacement;
  /** Leave the signer's certificate out (to test signatures whose signer cannot be identified). */
  readonly omitSignerCertificate?: boolean;
  /** Encapsulated content (a timestamp's TSTInfo); absent for a detached PDF signature. */
  readonly content?: { readonly type: string; readonly bytes: Uint8Array };
  /** Makes an RFC 3161 token over the signature value, added as the signature-time-stamp attribute. */
  readonly timestamp?: (signatureValue: Uint8Array) => Uint8Array;
}

const SHA256 = '2.16.840.1.101.3.4.2.1';

/**
 * Builds a detached CMS SignedData in the PAdES baseline-B shape (ETSI EN 319 142-1 §6.3): content-type,
 * message-digest and signing-certificate-v2 signed attributes, no signing-time attribute (the time is
 * the dictionary's /M), optionally the CRL in Adobe's signed revocation attribute or in SignedData.crls.
 * The signature value is made with Node's crypto so no WebCrypto engine is needed at sign time.
 *
 * @example
 * const der = buildCms({ signer, chain: [root.certificate], digest, crls: [crl], crlPlacement: 'signed-attribute' });
 */
export function buildCms(input: CmsInput): Uint8Array {
  const signerCert = pkijs.Certificate.fromBER(input.signer.certificate);
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: input.content?.type ?? OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.digest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signer.certificate, signerCert)),
  ];
  if (input.crlPlacement === 'signed-attribute' && input.crls.length > 0) attributes.push(attribute(OID.adbeRevocationInfoArchival, revocationArchival(input.crls)));
  // DER: a SET OF is sorted by the encodings of its elements.
  const sorted = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) })).sort((x, y) => Buffer.compare(x.der, y.der));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted.map((s) => s.a) });
  const toSign = Buffer.from(new asn1js.Set({ value: sorted.map((s) => s.a.toSchema()) }).toBER());
  const { algorithm, signature } = signWith(input.signer, toSign);
  const token = input.timestamp?.(new Uint8Array(signature));
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
    signedAttrs,
    signatureAlgorithm: algorithm,
    signature: new asn1js.OctetString({ valueHex: signature }),
    ...(token === undefined
      ? {}
      : { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attribute(OID.signatureTimeStamp, asn1js.fromBER(token).result)] }) }),
  });
  const signedData = new pkijs.SignedData({
    version: input.content === undefined ? 1 : 3,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: input.content?.type ?? OID.data,
      ...(input.content === undefined ? {} : { eContent: new asn1js.OctetString({ valueHex: input.content.bytes }) }),
    }),
    certificates: [...(input.omitSignerCertificate === true ? [] : [signerCert]), ...input.chain.map((der) => pkijs.Certificate.fromBER(der))],
    ...(input.crlPlacement === 'cms' && input.crls.length > 0 ? { crls: input.crls.map((der) => pkijs.CertificateRevocationList.fromBER(der)) } : {}),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

function signWith(signer: Identity, data: Buffer): { algorithm: pkijs.AlgorithmIdentifier; signature: Buffer } {
  switch (signer.algorithm) {
    case 'rsa':
      return {
        algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() }),
        signature: sign('sha256', data, signer.privateKey),
      };
    case 'ecdsa':
      return { algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' }), signature: sign('sha256', data, { key: signer.privateKey, dsaEncoding: 'der' }) };
    case 'rsa-pss': {
      const hash = new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 });
      const params = new pkijs.RSASSAPSSParams({
        hashAlgorithm: hash,
        maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: hash.toSchema() }),
        saltLength: 32,
      });
      const signature = sign('sha256', data, { key: signer.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
      return { algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.10', algorithmParams: params.toSchema() }), signature };
    }
  }
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
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
