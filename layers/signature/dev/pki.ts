import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * A DEVELOPMENT-ONLY public key infrastructure: a root CA and signer certificates generated on the spot,
 * used by `vanthu sign` and by the tests. Every name says DEVELOPMENT ONLY so such a certificate can
 * never be mistaken for a real one (Ban Cơ yếu Chính phủ / NEAC roots are configuration, never this).
 * Built with pkijs structures and Node's crypto, so nothing here needs WebCrypto or extra packages.
 */
export type KeyAlgorithm = 'rsa' | 'rsa-pss' | 'ecdsa';

export interface Identity {
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
  /** How this identity signs CMS: RSA PKCS#1 v1.5, RSASSA-PSS (same RSA key) or ECDSA P-256, all SHA-256. */
  readonly algorithm: KeyAlgorithm;
}

export interface SignerSpec {
  /** Short role name, e.g. `leader` (lãnh đạo) or `agency` (cơ quan). */
  readonly name: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** keyUsage bits as the first byte of the BIT STRING; default digitalSignature + nonRepudiation. */
  readonly keyUsage?: number;
  /** Issue a time-stamping authority certificate (critical extendedKeyUsage id-kp-timeStamping). */
  readonly timeStamping?: boolean;
}

export interface DevPki {
  readonly root: Identity;
  readonly signers: ReadonlyMap<string, Identity>;
}

export const DEV_MARK = 'DEVELOPMENT ONLY';
/** A CRL distribution point that resolves nowhere (RFC 6761 .invalid). */
export const DEV_CRL_URL = 'http://dev-ca.vanthu.invalid/root.crl';
export const KEY_USAGE = { digitalSignature: 0x80, nonRepudiation: 0x40, keyEncipherment: 0x20, keyCertSign: 0x04, cRLSign: 0x02 } as const;

const DAY = 86_400_000;

/**
 * Generates a root CA and one certificate per signer spec, all valid around `now` unless told otherwise.
 *
 * @example
 * const pki = createDevPki({ now: new Date(), signers: [{ name: 'leader' }, { name: 'agency' }] });
 */
export function createDevPki(options: { now: Date; algorithm?: KeyAlgorithm; rootName?: string; signers: readonly SignerSpec[] }): DevPki {
  const algorithm = options.algorithm ?? 'rsa';
  const rootKeys = generateKeys(algorithm);
  const rootName = distinguishedName(`${DEV_MARK} ${options.rootName ?? 'vanthu test root CA'}`);
  const rootSpki = spki(rootKeys.publicKey);
  const root: Identity = {
    certificate: issueCertificate({
      subject: rootName,
      issuer: rootName,
      publicKey: rootSpki,
      signingKey: rootKeys.privateKey,
      algorithm,
      notBefore: new Date(options.now.getTime() - DAY),
      notAfter: new Date(options.now.getTime() + 3650 * DAY),
      extensions: [basicConstraints(true), keyUsage(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign), subjectKeyId(rootSpki)],
    }),
    privateKey: rootKeys.privateKey,
    algorithm,
  };
  const signers = new Map<string, Identity>();
  for (const spec of options.signers) {
    const keys = generateKeys(algorithm);
    const certificate = issueDevCertificate(root, {
      commonName: `${DEV_MARK} ${spec.name}`,
      publicKey: new Uint8Array(keys.publicKey.export({ type: 'spki', format: 'der' })),
      notBefore: spec.notBefore ?? new Date(options.now.getTime() - DAY),
      notAfter: spec.notAfter ?? new Date(options.now.getTime() + 730 * DAY),
      ...(spec.keyUsage === undefined ? {} : { keyUsage: spec.keyUsage }),
      ...(spec.timeStamping === undefined ? {} : { timeStamping: spec.timeStamping }),
    });
    signers.set(spec.name, { certificate, privateKey: keys.privateKey, algorithm });
  }
  return { root, signers };
}

/**
 * A DEVELOPMENT-ONLY end-entity certificate issued by `issuer` (a dev root) for a public key held elsewhere
 * (a KMS key of the local runtime, a dev remote signer's credential): the CRL distribution point names the
 * dev CA, key usage digitalSignature + nonRepudiation unless told otherwise.
 *
 * @example
 * const certificate = issueDevCertificate(pki.root, { commonName: 'DEVELOPMENT ONLY UBND phường [MẪU]', publicKey: spkiDer, notBefore, notAfter });
 */
export function issueDevCertificate(
  issuer: Identity,
  spec: { commonName: string; publicKey: Uint8Array; notBefore: Date; notAfter: Date; keyUsage?: number; timeStamping?: boolean },
): Uint8Array {
  const issuerCert = pkijs.Certificate.fromBER(issuer.certificate);
  const publicKey = pkijs.PublicKeyInfo.fromBER(spec.publicKey);
  return issueCertificate({
    subject: distinguishedName(spec.commonName.includes(DEV_MARK) ? spec.commonName : `${DEV_MARK} ${spec.commonName}`),
    issuer: issuerCert.subject,
    publicKey,
    signingKey: issuer.privateKey,
    algorithm: issuer.algorithm,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    extensions: [
      basicConstraints(false),
      keyUsage(spec.keyUsage ?? KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation),
      subjectKeyId(publicKey),
      authorityKeyId(issuerCert.subjectPublicKeyInfo),
      crlDistribution(DEV_CRL_URL),
      ...(spec.timeStamping === true ? [extension('2.5.29.37', true, new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] }))] : []),
    ],
  });
}

/**
 * A CRL of `issuer` listing `revoked` certificates, current from `thisUpdate` for `validDays`.
 *
 * @example
 * const crl = issueCrl(pki.root, [{ certificate: leader.certificate, at: yesterday }], new Date());
 */
export function issueCrl(issuer: Identity, revoked: readonly { certificate: Uint8Array; at: Date }[], thisUpdate: Date, validDays = 7): Uint8Array {
  const issuerCert = pkijs.Certificate.fromBER(issuer.certificate);
  const algorithm = signatureAlgorithm(issuer.algorithm);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: algorithm,
    issuer: issuerCert.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: thisUpdate }),
    nextUpdate: new pkijs.Time({ type: 0, value: new Date(thisUpdate.getTime() + validDays * DAY) }),
    crlExtensions: new pkijs.Extensions({ extensions: [authorityKeyId(issuerCert.subjectPublicKeyInfo)] }),
  });
  if (revoked.length > 0) {
    crl.revokedCertificates = revoked.map(
      (r) => new pkijs.RevokedCertificate({ userCertificate: pkijs.Certificate.fromBER(r.certificate).serialNumber, revocationDate: new pkijs.Time({ type: 0, value: r.at }) }),
    );
  }
  const tbs = new Uint8Array((crl.toSchema(true).valueBlock.value[0] as asn1js.AsnType).toBER());
  crl.tbsView = tbs;
  crl.signatureAlgorithm = algorithm;
  crl.signatureValue = new asn1js.BitString({ valueHex: signBytes(issuer.privateKey, issuer.algorithm, tbs) });
  return new Uint8Array(crl.toSchema().toBER());
}

interface CertificateInput {
  readonly subject: pkijs.RelativeDistinguishedNames;
  readonly issuer: pkijs.RelativeDistinguishedNames;
  readonly publicKey: pkijs.PublicKeyInfo;
  readonly signingKey: KeyObject;
  readonly algorithm: KeyAlgorithm;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: pkijs.Extension[];
}

function issueCertificate(input: CertificateInput): Uint8Array {
  const algorithm = signatureAlgorithm(input.algorithm);
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: serial() }),
    signature: algorithm,
    issuer: input.issuer,
    subject: input.subject,
    notBefore: new pkijs.Time({ type: 0, value: input.notBefore }),
    notAfter: new pkijs.Time({ type: 0, value: input.notAfter }),
    subjectPublicKeyInfo: input.publicKey,
    extensions: input.extensions,
  });
  const tbs = new Uint8Array(cert.encodeTBS().toBER());
  cert.tbsView = tbs;
  cert.signatureAlgorithm = algorithm;
  cert.signatureValue = new asn1js.BitString({ valueHex: signBytes(input.signingKey, input.algorithm, tbs) });
  return new Uint8Array(cert.toSchema().toBER());
}

/** Certificates and CRLs are signed with PKCS#1 v1.5 or ECDSA; RSASSA-PSS is exercised in the CMS only. */
function signatureAlgorithm(algorithm: KeyAlgorithm): pkijs.AlgorithmIdentifier {
  return algorithm === 'ecdsa'
    ? new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' })
    : new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() });
}

function signBytes(key: KeyObject, algorithm: KeyAlgorithm, data: Uint8Array): Uint8Array {
  return new Uint8Array(algorithm === 'ecdsa' ? sign('sha256', data, { key, dsaEncoding: 'der' }) : sign('sha256', data, key));
}

function generateKeys(algorithm: KeyAlgorithm): { publicKey: KeyObject; privateKey: KeyObject } {
  return algorithm === 'ecdsa' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function spki(key: KeyObject): pkijs.PublicKeyInfo {
  return pkijs.PublicKeyInfo.fromBER(key.export({ type: 'spki', format: 'der' }));
}

/** C, O, CN as three single-valued RDNs (pkijs alone would put them in one multi-valued RDN). */
function distinguishedName(commonName: string): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: asn1js.Utf8String | asn1js.PrintableString): asn1js.Set =>
    new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] });
  const name = new asn1js.Sequence({
    value: [
      rdn('2.5.4.6', new asn1js.PrintableString({ value: 'VN' })),
      rdn('2.5.4.10', new asn1js.Utf8String({ value: `${DEV_MARK} - vanthu test PKI - NOT FOR PRODUCTION` })),
      rdn('2.5.4.3', new asn1js.Utf8String({ value: commonName })),
    ],
  });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER());
}

function extension(extnID: string, critical: boolean, value: asn1js.AsnType | { toSchema(): asn1js.AsnType }): pkijs.Extension {
  const schema = 'toSchema' in value ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER() });
}

function basicConstraints(ca: boolean): pkijs.Extension {
  return extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: ca }));
}

function keyUsage(bits: number): pkijs.Extension {
  let unused = 0;
  while (unused < 7 && (bits & (1 << unused)) === 0) unused += 1;
  return extension('2.5.29.15', true, new asn1js.BitString({ valueHex: Uint8Array.of(bits), unusedBits: unused }));
}

function keyId(key: pkijs.PublicKeyInfo): Uint8Array {
  return new Uint8Array(createHash('sha1').update(key.subjectPublicKey.valueBlock.valueHexView).digest());
}

function subjectKeyId(key: pkijs.PublicKeyInfo): pkijs.Extension {
  return extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: keyId(key) }));
}

function authorityKeyId(key: pkijs.PublicKeyInfo): pkijs.Extension {
  return extension('2.5.29.35', false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyId(key) }) }));
}

function crlDistribution(url: string): pkijs.Extension {
  const point = new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: url })] });
  return extension('2.5.29.31', false, new pkijs.CRLDistributionPoints({ distributionPoints: [point] }));
}

function serial(): Uint8Array {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return new Uint8Array(bytes);
}
