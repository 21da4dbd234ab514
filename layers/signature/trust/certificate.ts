import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError } from '../errors.ts';

/**
 * A parsed X.509 certificate: pkijs for structure (names, serial, extensions) and Node's OpenSSL binding
 * for everything cryptographic. `der` is the exact encoding, which is what hashes and evidence use.
 */
export interface Cert {
  readonly der: Uint8Array;
  readonly structure: pkijs.Certificate;
  readonly native: X509Certificate;
  readonly publicKey: KeyObject;
  /** Lower-case hex SHA-256 of the DER: the identity used to deduplicate and to pin. */
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Parsed certificates by SHA-256: a file repeats the same CA certificates in every signature and the DSS. */
const memo = new Map<string, Cert>();
const MEMO_SIZE = 512;

/** Parses one DER certificate (memoised); throws `CmsFormatError` when it is not one. */
export function parseCert(der: Uint8Array): Cert {
  const key = createHash('sha256').update(der).digest('hex');
  const known = memo.get(key);
  if (known !== undefined) return known;
  const cert = decodeCert(der, key);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, cert);
  return cert;
}

function decodeCert(der: Uint8Array, sha256: string): Cert {
  try {
    const structure = pkijs.Certificate.fromBER(der);
    const native = new X509Certificate(der);
    return {
      der,
      structure,
      native,
      publicKey: native.publicKey,
      sha256,
      subject: oneLine(native.subject),
      issuer: oneLine(native.issuer),
      serialNumber: native.serialNumber.toLowerCase(),
      notBefore: structure.notBefore.value,
      notAfter: structure.notAfter.value,
    };
  } catch (error) {
    throw new CmsFormatError(`not a certificate: ${(error as Error).message}`, { cause: error });
  }
}

/** Certificates from DER or PEM bytes (a PEM file may hold several). */
export function certsFromBytes(bytes: Uint8Array): Cert[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return [parseCert(bytes)];
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  return blocks.map((block) => parseCert(new Uint8Array(Buffer.from(block[1] ?? '', 'base64'))));
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The common name, or the whole subject when there is none. */
export function commonName(cert: Cert): string {
  const cn = cert.structure.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn === undefined ? cert.subject : String(cn.value.valueBlock.value);
}

export interface KeyUsage {
  readonly digitalSignature: boolean;
  readonly nonRepudiation: boolean;
  readonly keyCertSign: boolean;
  readonly cRLSign: boolean;
}

/** The keyUsage extension (RFC 5280 §4.2.1.3), or undefined when absent (then any use is allowed). */
export function keyUsage(cert: Cert): KeyUsage | undefined {
  const ext = extension(cert, '2.5.29.15');
  if (ext === undefined) return undefined;
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.BitString)) throw new CmsFormatError('keyUsage is not a BIT STRING');
  const bits = parsed.result.valueBlock.valueHexView;
  const first = bits[0] ?? 0;
  return {
    digitalSignature: (first & 0x80) !== 0,
    nonRepudiation: (first & 0x40) !== 0,
    keyCertSign: (first & 0x04) !== 0,
    cRLSign: (first & 0x02) !== 0,
  };
}

/** basicConstraints cA. */
export function isCa(cert: Cert): boolean {
  return cert.native.ca;
}

export function extendedKeyUsages(cert: Cert): string[] | undefined {
  const value = extension(cert, '2.5.29.37')?.parsedValue;
  return value instanceof pkijs.ExtKeyUsage ? value.keyPurposes : undefined;
}

export function subjectKeyId(cert: Cert): string | undefined {
  const ext = extension(cert, '2.5.29.14');
  if (ext === undefined) return undefined;
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  return parsed.result instanceof asn1js.OctetString ? Buffer.from(parsed.result.valueBlock.valueHexView).toString('hex') : undefined;
}

/** http(s) URLs of the CRL distribution points. */
export function crlDistributionUrls(cert: Cert): string[] {
  const value = extension(cert, '2.5.29.31')?.parsedValue;
  if (!(value instanceof pkijs.CRLDistributionPoints)) return [];
  const names = value.distributionPoints.flatMap((point) => (Array.isArray(point.distributionPoint) ? point.distributionPoint : []));
  return names.filter((name) => name.type === 6 && typeof name.value === 'string').map((name) => name.value as string);
}

/** True when `cert` names `issuer` as its issuer and `issuer`'s key verifies its signature. */
export function isIssuedBy(cert: Cert, issuer: Cert): boolean {
  if (!cert.structure.issuer.isEqual(issuer.structure.subject)) return false;
  try {
    return cert.native.verify(issuer.publicKey);
  } catch {
    // OpenSSL throws for keys it cannot use with this certificate's algorithm: not the issuer.
    return false;
  }
}

export function isSelfSigned(cert: Cert): boolean {
  return isIssuedBy(cert, cert);
}

function extension(cert: Cert, oid: string): pkijs.Extension | undefined {
  return cert.structure.extensions?.find((e) => e.extnID === oid);
}

function oneLine(name: string): string {
  return name
    .split('\n')
    .filter((part) => part !== '')
    .join(', ');
}
