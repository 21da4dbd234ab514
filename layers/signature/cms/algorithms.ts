/**
 * Object identifiers of the algorithms a PDF signature may use, mapped to Node's names. Anything not in
 * these tables is reported as unsupported rather than guessed.
 */

export interface DigestAlgorithm {
  readonly oid: string;
  /** Node `createHash` name. */
  readonly node: string;
  /** Display name used in reports. */
  readonly name: string;
  /** Weak under current policy (ETSI TS 119 312): collisions are practical. */
  readonly weak: boolean;
}

const digests: readonly DigestAlgorithm[] = [
  { oid: '1.3.14.3.2.26', node: 'sha1', name: 'SHA-1', weak: true },
  { oid: '1.2.840.113549.2.5', node: 'md5', name: 'MD5', weak: true },
  { oid: '2.16.840.1.101.3.4.2.4', node: 'sha224', name: 'SHA-224', weak: false },
  { oid: '2.16.840.1.101.3.4.2.1', node: 'sha256', name: 'SHA-256', weak: false },
  { oid: '2.16.840.1.101.3.4.2.2', node: 'sha384', name: 'SHA-384', weak: false },
  { oid: '2.16.840.1.101.3.4.2.3', node: 'sha512', name: 'SHA-512', weak: false },
  { oid: '2.16.840.1.101.3.4.2.8', node: 'sha3-256', name: 'SHA3-256', weak: false },
  { oid: '2.16.840.1.101.3.4.2.9', node: 'sha3-384', name: 'SHA3-384', weak: false },
  { oid: '2.16.840.1.101.3.4.2.10', node: 'sha3-512', name: 'SHA3-512', weak: false },
];

export function digestByOid(oid: string): DigestAlgorithm | undefined {
  return digests.find((d) => d.oid === oid);
}

export function digestByNode(node: string): DigestAlgorithm | undefined {
  return digests.find((d) => d.node === node);
}

/** How a signature algorithm identifier is verified. */
export interface SignatureAlgorithm {
  readonly key: 'rsa' | 'rsa-pss' | 'ecdsa' | 'ed25519';
  /** The hash the algorithm itself names, if any (sha256WithRSAEncryption names SHA-256). */
  readonly digest: DigestAlgorithm | undefined;
  readonly name: string;
}

const byDigest = (node: string): DigestAlgorithm | undefined => digestByNode(node);

const signatures: ReadonlyMap<string, SignatureAlgorithm> = new Map([
  ['1.2.840.113549.1.1.1', { key: 'rsa', digest: undefined, name: 'RSA' }],
  ['1.2.840.113549.1.1.4', { key: 'rsa', digest: byDigest('md5'), name: 'MD5withRSA' }],
  ['1.2.840.113549.1.1.5', { key: 'rsa', digest: byDigest('sha1'), name: 'SHA1withRSA' }],
  ['1.2.840.113549.1.1.14', { key: 'rsa', digest: byDigest('sha224'), name: 'SHA224withRSA' }],
  ['1.2.840.113549.1.1.11', { key: 'rsa', digest: byDigest('sha256'), name: 'SHA256withRSA' }],
  ['1.2.840.113549.1.1.12', { key: 'rsa', digest: byDigest('sha384'), name: 'SHA384withRSA' }],
  ['1.2.840.113549.1.1.13', { key: 'rsa', digest: byDigest('sha512'), name: 'SHA512withRSA' }],
  ['2.16.840.1.101.3.4.3.14', { key: 'rsa', digest: byDigest('sha3-256'), name: 'SHA3-256withRSA' }],
  ['2.16.840.1.101.3.4.3.15', { key: 'rsa', digest: byDigest('sha3-384'), name: 'SHA3-384withRSA' }],
  ['2.16.840.1.101.3.4.3.16', { key: 'rsa', digest: byDigest('sha3-512'), name: 'SHA3-512withRSA' }],
  ['1.2.840.113549.1.1.10', { key: 'rsa-pss', digest: undefined, name: 'RSASSA-PSS' }],
  ['1.2.840.10045.2.1', { key: 'ecdsa', digest: undefined, name: 'ECDSA' }],
  ['1.2.840.10045.4.1', { key: 'ecdsa', digest: byDigest('sha1'), name: 'SHA1withECDSA' }],
  ['1.2.840.10045.4.3.1', { key: 'ecdsa', digest: byDigest('sha224'), name: 'SHA224withECDSA' }],
  ['1.2.840.10045.4.3.2', { key: 'ecdsa', digest: byDigest('sha256'), name: 'SHA256withECDSA' }],
  ['1.2.840.10045.4.3.3', { key: 'ecdsa', digest: byDigest('sha384'), name: 'SHA384withECDSA' }],
  ['1.2.840.10045.4.3.4', { key: 'ecdsa', digest: byDigest('sha512'), name: 'SHA512withECDSA' }],
  ['2.16.840.1.101.3.4.3.10', { key: 'ecdsa', digest: byDigest('sha3-256'), name: 'SHA3-256withECDSA' }],
  ['1.3.101.112', { key: 'ed25519', digest: undefined, name: 'Ed25519' }],
]);

export function signatureByOid(oid: string): SignatureAlgorithm | undefined {
  return signatures.get(oid);
}

/** Object identifiers of CMS content types and attributes used by PAdES. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
  adbeRevocationInfoArchival: '1.2.840.113583.1.1.8',
  ocspResponseFormat: '1.3.6.1.5.5.7.16.2',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ekuOcspSigning: '1.3.6.1.5.5.7.3.9',
  ekuTimeStamping: '1.3.6.1.5.5.7.3.8',
  mgf1: '1.2.840.113549.1.1.8',
} as const;
