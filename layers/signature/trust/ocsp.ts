import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digestByOid, OID } from '../cms/algorithms.ts';
import { verifySignatureValue } from '../cms/signature-value.ts';
import { extendedKeyUsages, isIssuedBy, parseCert, type Cert } from './certificate.ts';
import { speaksFor } from './crl.ts';

export type OcspAnswer =
  | { readonly applies: false; readonly why: string }
  | { readonly applies: true; readonly status: 'good' | 'revoked' | 'unknown'; readonly revokedAt?: Date; readonly issuedAt: Date };

/**
 * Reads an OCSP response (RFC 6960) for `cert`: signed by the issuer or by a responder the issuer
 * delegated (id-kp-OCSPSigning), naming the certificate by serial and issuer hashes, and speaking for
 * time `at` (produced after it, or current at it).
 *
 * @example
 * const answer = ocspAnswer(parseOcsp(der), signerCert, caCert, signingTime);
 */
export function ocspAnswer(response: pkijs.BasicOCSPResponse, cert: Cert, issuer: Cert, at: Date): OcspAnswer {
  const single = response.tbsResponseData.responses.find((r) => namesCert(r.certID, cert, issuer));
  if (single === undefined) return { applies: false, why: 'response is about another certificate' };
  if (!signedByResponder(response, issuer)) return { applies: false, why: 'response not signed by the issuer or its delegated responder' };
  const issuedAt = single.thisUpdate;
  const status = certStatus(single);
  if (status.status === 'revoked') return { applies: true, ...status, issuedAt };
  const speaksForTime = speaksFor(issuedAt, single.nextUpdate, at);
  if (!speaksForTime) return { applies: false, why: `OCSP response of ${issuedAt.toISOString()} does not cover ${at.toISOString()}` };
  if (issuedAt.getTime() > cert.notAfter.getTime() && status.status === 'good') return { applies: false, why: 'OCSP response produced after the certificate expired' };
  return { applies: true, ...status, issuedAt };
}

/** Accepts an OCSPResponse (what PAdES and CMS carry) or a bare BasicOCSPResponse. */
export function parseOcsp(der: Uint8Array): pkijs.BasicOCSPResponse {
  try {
    const outer = pkijs.OCSPResponse.fromBER(der);
    const bytes = outer.responseBytes;
    if (outer.responseStatus.valueBlock.valueDec !== 0 || bytes === undefined || bytes.responseType !== OID.ocspBasic)
      throw new Error('OCSP response is not a successful basic response');
    return pkijs.BasicOCSPResponse.fromBER(bytes.response.valueBlock.valueHexView);
  } catch (outerError) {
    try {
      return pkijs.BasicOCSPResponse.fromBER(der);
    } catch {
      // Neither shape decodes: the OCSPResponse error says more than the fallback's.
      throw outerError;
    }
  }
}

function namesCert(id: pkijs.CertID, cert: Cert, issuer: Cert): boolean {
  const digest = digestByOid(id.hashAlgorithm.algorithmId);
  if (digest === undefined || !id.serialNumber.isEqual(cert.structure.serialNumber)) return false;
  const hash = (data: Uint8Array | ArrayBuffer): Buffer => createHash(digest.node).update(new Uint8Array(data)).digest();
  const nameHash = hash(issuer.structure.subject.valueBeforeDecode);
  const keyHash = hash(issuer.structure.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  return nameHash.equals(Buffer.from(id.issuerNameHash.valueBlock.valueHexView)) && keyHash.equals(Buffer.from(id.issuerKeyHash.valueBlock.valueHexView));
}

function signedByResponder(response: pkijs.BasicOCSPResponse, issuer: Cert): boolean {
  const delegated = (response.certs ?? []).flatMap((c) => {
    const cert = parseCert(new Uint8Array(c.toSchema().toBER()));
    return isIssuedBy(cert, issuer) && (extendedKeyUsages(cert) ?? []).includes(OID.ekuOcspSigning) ? [cert] : [];
  });
  const signature = new Uint8Array(response.signature.valueBlock.valueHexView);
  return [issuer, ...delegated].some(
    (responder) => verifySignatureValue(response.signatureAlgorithm, undefined, responder.publicKey, response.tbsResponseData.tbsView, signature).outcome === 'valid',
  );
}

function certStatus(single: pkijs.SingleResponse): { status: 'good' | 'revoked' | 'unknown'; revokedAt?: Date } {
  const status = single.certStatus as asn1js.AsnType;
  if (status.idBlock.tagClass !== 3) return { status: 'unknown' };
  if (status.idBlock.tagNumber === 0) return { status: 'good' };
  if (status.idBlock.tagNumber !== 1) return { status: 'unknown' };
  const time = status instanceof asn1js.Constructed ? status.valueBlock.value[0] : undefined;
  return { status: 'revoked', revokedAt: time instanceof asn1js.GeneralizedTime ? time.toDate() : new Date(0) };
}
