import { constants, sign } from 'node:crypto';
import type { SignatureAlgorithm } from '#domain/signing/ports';
import { assembleSignedData, signedAttributes } from '../sign/cms.ts';
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

/**
 * Builds a detached CMS SignedData in the PAdES baseline-B shape (sign/cms.ts) with a key held here:
 * DEVELOPMENT ONLY (the workflow's signers never hold a person's key).
 *
 * @example
 * const der = buildCms({ signer, chain: [root.certificate], digest, crls: [crl], crlPlacement: 'signed-attribute' });
 */
export function buildCms(input: CmsInput): Uint8Array {
  const attributes = signedAttributes({
    digest: input.digest,
    signerCertificate: input.signer.certificate,
    ...(input.crlPlacement === 'signed-attribute' ? { crls: input.crls } : {}),
    ...(input.content === undefined ? {} : { contentType: input.content.type }),
  });
  const algorithm = algorithmOf(input.signer);
  const signature = signWithKey(input.signer, attributes);
  return assembleSignedData({
    signedAttributes: attributes,
    signature,
    algorithm,
    certificates: [...(input.omitSignerCertificate === true ? [] : [input.signer.certificate]), ...input.chain],
    signerCertificate: input.signer.certificate,
    ...(input.timestamp === undefined ? {} : { timestampToken: input.timestamp(signature) }),
    ...(input.crlPlacement === 'cms' ? { crls: input.crls } : {}),
    ...(input.content === undefined ? {} : { content: input.content }),
  });
}

/** The SignatureAlgorithm of a development identity. */
export function algorithmOf(identity: Identity): SignatureAlgorithm {
  return identity.algorithm === 'rsa' ? 'rsa-pkcs1-sha256' : identity.algorithm === 'ecdsa' ? 'ecdsa-sha256' : 'rsa-pss-sha256';
}

/** Signs `data` (SHA-256 is applied here) with a development key, as its algorithm says. */
export function signWithKey(identity: Identity, data: Uint8Array): Uint8Array {
  switch (identity.algorithm) {
    case 'rsa':
      return new Uint8Array(sign('sha256', data, identity.privateKey));
    case 'ecdsa':
      return new Uint8Array(sign('sha256', data, { key: identity.privateKey, dsaEncoding: 'der' }));
    case 'rsa-pss':
      return new Uint8Array(sign('sha256', data, { key: identity.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }));
  }
}
