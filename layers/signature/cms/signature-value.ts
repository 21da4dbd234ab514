import { constants, verify, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { digestByOid, signatureByOid, type DigestAlgorithm } from './algorithms.ts';

export interface SignatureValueCheck {
  readonly outcome: 'valid' | 'invalid' | 'unsupported';
  /** Display name, e.g. `SHA256withRSA`, `RSASSA-PSS(SHA-384)`. */
  readonly algorithm: string;
  /** The hash actually used to verify. */
  readonly digest: DigestAlgorithm | undefined;
  readonly detail?: string;
}

/**
 * Verifies a signature value with Node's OpenSSL: RSA PKCS#1 v1.5, RSASSA-PSS (MGF1 with the same hash),
 * ECDSA (DER-encoded r,s as CMS carries it) and Ed25519. `fallbackDigest` is the SignerInfo's digest
 * algorithm, used when the signature algorithm does not name one (rsaEncryption, id-ecPublicKey).
 *
 * @example
 * const check = verifySignatureValue(signerInfo.signatureAlgorithm, sha256, cert.publicKey, data, signature);
 */
export function verifySignatureValue(
  algorithm: pkijs.AlgorithmIdentifier,
  fallbackDigest: DigestAlgorithm | undefined,
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureValueCheck {
  const known = signatureByOid(algorithm.algorithmId);
  if (known === undefined) return { outcome: 'unsupported', algorithm: algorithm.algorithmId, digest: undefined, detail: `unknown signature algorithm ${algorithm.algorithmId}` };
  const keyType = key.asymmetricKeyType ?? 'unknown';
  if (known.key === 'rsa-pss') return verifyPss(algorithm, key, data, signature);
  const digest = known.digest ?? fallbackDigest;
  const name = known.digest === undefined && digest !== undefined ? `${digest.name.replace('-', '')}with${known.name}` : known.name;
  const wantedKey = { rsa: ['rsa', 'rsa-pss'], ecdsa: ['ec'], ed25519: ['ed25519'] }[known.key];
  if (!wantedKey.includes(keyType)) return { outcome: 'invalid', algorithm: name, digest, detail: `a ${keyType} key cannot make a ${known.name} signature` };
  if (known.key === 'ed25519') return { outcome: verify(null, data, key, signature) ? 'valid' : 'invalid', algorithm: name, digest };
  if (digest === undefined) return { outcome: 'unsupported', algorithm: name, digest, detail: 'no digest algorithm for the signature' };
  const options = known.key === 'rsa' ? { key, padding: constants.RSA_PKCS1_PADDING } : { key, dsaEncoding: 'der' as const };
  return { outcome: safeVerify(digest.node, data, options, signature) ? 'valid' : 'invalid', algorithm: name, digest };
}

function verifyPss(algorithm: pkijs.AlgorithmIdentifier, key: KeyObject, data: Uint8Array, signature: Uint8Array): SignatureValueCheck {
  let params: pkijs.RSASSAPSSParams;
  try {
    params = algorithm.algorithmParams === undefined ? new pkijs.RSASSAPSSParams() : new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
  } catch (error) {
    return { outcome: 'invalid', algorithm: 'RSASSA-PSS', digest: undefined, detail: `bad RSASSA-PSS parameters: ${(error as Error).message}` };
  }
  const digest = digestByOid(params.hashAlgorithm.algorithmId);
  const mgfHash =
    params.maskGenAlgorithm.algorithmParams === undefined ? undefined : new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams }).algorithmId;
  const name = `RSASSA-PSS(${digest?.name ?? params.hashAlgorithm.algorithmId})`;
  if (digest === undefined) return { outcome: 'unsupported', algorithm: name, digest, detail: 'unknown RSASSA-PSS hash' };
  if (mgfHash !== undefined && mgfHash !== params.hashAlgorithm.algorithmId)
    return { outcome: 'unsupported', algorithm: name, digest, detail: 'MGF1 hash differs from the message hash' };
  const options = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength };
  return { outcome: safeVerify(digest.node, data, options, signature) ? 'valid' : 'invalid', algorithm: name, digest };
}

/** OpenSSL throws on malformed signatures (bad DER in ECDSA, wrong length): that is a failed verification. */
function safeVerify(hash: string, data: Uint8Array, options: Parameters<typeof verify>[2], signature: Uint8Array): boolean {
  try {
    return verify(hash, data, options, signature);
  } catch {
    return false;
  }
}
