import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { verifySignatureValue } from '../cms/signature-value.ts';
import { keyUsage, type Cert } from './certificate.ts';

/**
 * How long revocation data without a nextUpdate counts as current: signing clients fetch OCSP/CRLs just
 * before signing, so the data is usually seconds older than the signature (ETSI TS 119 172-4 freshness).
 */
export const REVOCATION_GRACE_MILLIS = 24 * 3_600_000;

/** True when data issued at `issuedAt` (valid until `nextUpdate`) tells the status at `at`. */
export function speaksFor(issuedAt: Date, nextUpdate: Date | undefined, at: Date): boolean {
  if (issuedAt.getTime() >= at.getTime()) return true;
  const until = nextUpdate?.getTime() ?? issuedAt.getTime() + REVOCATION_GRACE_MILLIS;
  return at.getTime() <= until;
}

/** What one CRL says about one certificate at one time. */
export type CrlAnswer =
  | { readonly applies: false; readonly why: string }
  | { readonly applies: true; readonly status: 'good' | 'revoked'; readonly revokedAt?: Date; readonly issuedAt: Date };

/**
 * Reads a CRL (RFC 5280 §5) for `cert` issued by `issuer`: the CRL must be signed by the issuer's key,
 * and must speak for time `at` — issued after it, or current at it (`speaksFor`). A listing is proof of revocation
 * whatever the CRL's date; absence is proof of "good" only while the certificate had not expired when
 * the CRL was issued, since CAs drop expired certificates from their lists. Delta and partitioned CRLs
 * are not interpreted.
 *
 * @example
 * const answer = crlAnswer(parseCrl(der), signerCert, caCert, signingTime);
 */
export function crlAnswer(crl: pkijs.CertificateRevocationList, cert: Cert, issuer: Cert, at: Date): CrlAnswer {
  if (!crl.issuer.isEqual(issuer.structure.subject)) return { applies: false, why: 'issued by another CA' };
  const usage = keyUsage(issuer);
  if (usage !== undefined && !usage.cRLSign) return { applies: false, why: 'issuer key not allowed to sign CRLs' };
  const signature = new Uint8Array(crl.signatureValue.valueBlock.valueHexView);
  const check = verifySignatureValue(crl.signatureAlgorithm, undefined, issuer.publicKey, crl.tbsView, signature);
  if (check.outcome !== 'valid') return { applies: false, why: 'CRL signature does not verify' };
  const issuedAt = crl.thisUpdate.value;
  const entry = crl.revokedCertificates?.find((e) => e.userCertificate.isEqual(cert.structure.serialNumber));
  if (entry !== undefined && reasonCode(entry) !== 8) return { applies: true, status: 'revoked', revokedAt: entry.revocationDate.value, issuedAt };
  const speaksForTime = speaksFor(issuedAt, crl.nextUpdate?.value, at);
  if (!speaksForTime) return { applies: false, why: `CRL of ${issuedAt.toISOString()} expired before ${at.toISOString()}` };
  if (issuedAt.getTime() > cert.notAfter.getTime()) return { applies: false, why: 'CRL issued after the certificate expired' };
  return { applies: true, status: 'good', issuedAt };
}

export function parseCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  return pkijs.CertificateRevocationList.fromBER(der);
}

/** CRLReason of an entry (RFC 5280 §5.3.1); 8 is removeFromCRL. */
function reasonCode(entry: pkijs.RevokedCertificate): number | undefined {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === '2.5.29.21');
  if (ext === undefined) return undefined;
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result;
  return parsed instanceof asn1js.Enumerated ? parsed.valueBlock.valueDec : undefined;
}
