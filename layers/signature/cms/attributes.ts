import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { digestByOid, OID } from './algorithms.ts';

/** The ESS signing-certificate reference (RFC 2634 §5.4, RFC 5035 §3): binds the signer's certificate. */
export interface SigningCertificateRef {
  readonly hash: string;
  matches(certDer: Uint8Array): boolean;
}

/**
 * Reads the first ESSCertID(v2) of a signing-certificate(-v2) attribute: the one that names the signer.
 * Returns undefined for an absent attribute; a malformed one yields a reference that matches nothing.
 */
export function readSigningCertificateRef(attribute: pkijs.Attribute | undefined): SigningCertificateRef | undefined {
  if (attribute === undefined) return undefined;
  const none: SigningCertificateRef = { hash: 'malformed', matches: () => false };
  const certs = children(children(attribute.values[0])[0]);
  const first = children(certs[0]);
  const v2 = attribute.type === OID.signingCertificateV2;
  const algorithm = v2 && first[0] instanceof asn1js.Sequence ? algorithmOid(first[0]) : undefined;
  const hashValue = first.find((item) => item instanceof asn1js.OctetString);
  const digest = v2 ? digestByOid(algorithm ?? '2.16.840.1.101.3.4.2.1') : digestByOid('1.3.14.3.2.26');
  if (!(hashValue instanceof asn1js.OctetString) || digest === undefined) return none;
  const expected = Buffer.from(hashValue.valueBlock.valueHexView);
  return {
    hash: digest.name,
    matches: (certDer) => Buffer.compare(createHash(digest.node).update(certDer).digest(), expected) === 0,
  };
}

/** Revocation values Adobe puts in the signed adbe-revocationInfoArchival attribute. */
export interface RevocationArchival {
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
}

/** RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse, … }. */
export function readRevocationArchival(attribute: pkijs.Attribute | undefined): RevocationArchival {
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  for (const field of children(attribute?.values[0])) {
    const items = children(children(field)[0]).map((item) => new Uint8Array(item.valueBeforeDecodeView));
    if (field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0) crls.push(...items);
    if (field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 1) ocspResponses.push(...items);
  }
  return { crls, ocspResponses };
}

function children(block: asn1js.AsnType | undefined): asn1js.AsnType[] {
  if (block === undefined) return [];
  const value = (block as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  return Array.isArray(value) ? (value as asn1js.AsnType[]) : [];
}

function algorithmOid(sequence: asn1js.Sequence): string | undefined {
  const oid = sequence.valueBlock.value[0];
  return oid instanceof asn1js.ObjectIdentifier ? oid.valueBlock.toString() : undefined;
}
