import { X509Certificate } from 'node:crypto';
import type { SignatureAlgorithm } from '#domain/signing/ports';

/**
 * The DER bodies of the PEM blocks of one label in a text (a certificate chain, a trust anchor bundle, CRLs).
 *
 * @example
 * pemBlocks(chainPem, 'CERTIFICATE') // [leafDer, caDer]
 */
export function pemBlocks(text: string, label: 'CERTIFICATE' | 'X509 CRL'): Uint8Array[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+?)-----END ${label}-----`, 'g');
  return [...text.matchAll(pattern)].map((match) => new Uint8Array(Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64')));
}

/** How a certificate's key signs a SHA-256 hash, preferred first; empty for a key vanthu cannot use. */
export function algorithmsOfCertificate(der: Uint8Array): SignatureAlgorithm[] {
  const key = new X509Certificate(der).publicKey;
  if (key.asymmetricKeyType === 'rsa') return ['rsa-pkcs1-sha256', 'rsa-pss-sha256'];
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return ['ecdsa-sha256'];
  return [];
}
