import type { Budget } from '../limits.ts';
import { isCa, isIssuedBy, keyUsage, type Cert } from './certificate.ts';

/** A certification path from the signer (first) towards a trust anchor (last, when found). */
export interface ChainResult {
  readonly status: 'trusted' | 'no-anchor';
  readonly certificates: readonly Cert[];
}

/** Longest path we try to build; real PKIs use three or four certificates. */
const MAX_PATH = 8;

/**
 * Builds a path from `leaf` to one of `anchors` using `pool` (certificates found in the file) for the
 * intermediates. Names must chain *and* each issuer's key must verify the certificate below it; the
 * path ends at the first certificate that is an anchor or that an anchor issued. Validity and usage
 * are judged separately (`chainProblems`), because they depend on the signing time.
 *
 * @example
 * const chain = buildChain(signerCert, [...cmsCerts, ...dssCerts], anchors, budget);
 */
export function buildChain(leaf: Cert, pool: readonly Cert[], anchors: readonly Cert[], budget: Budget): ChainResult {
  let best: Cert[] = [leaf];
  const search = (path: Cert[]): Cert[] | undefined => {
    budget.check();
    const current = path[path.length - 1] as Cert;
    if (anchors.some((anchor) => anchor.sha256 === current.sha256)) return path;
    const anchor = anchors.find((candidate) => isIssuedBy(current, candidate));
    if (anchor !== undefined) return [...path, anchor];
    if (path.length > best.length) best = path;
    if (path.length >= MAX_PATH) return undefined;
    for (const issuer of pool) {
      if (path.some((c) => c.sha256 === issuer.sha256) || !isIssuedBy(current, issuer)) continue;
      const found = search([...path, issuer]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const trusted = search([leaf]);
  return trusted === undefined ? { status: 'no-anchor', certificates: best } : { status: 'trusted', certificates: trusted };
}

export interface ChainProblem {
  readonly kind: 'expired' | 'not-yet-valid' | 'usage';
  readonly message: string;
}

/**
 * Problems of a trusted path at time `at`: every certificate but the anchor must be within its validity
 * period (shell model), CAs must be CAs allowed to sign certificates, and the signer's key must be for
 * signatures (digitalSignature or nonRepudiation, RFC 5280 §4.2.1.3; ETSI EN 319 412-2 §4.3.2).
 *
 * @example
 * const problems = chainProblems(chain.certificates, signingTime, 'signer');
 */
export function chainProblems(path: readonly Cert[], at: Date, leafPurpose: 'signer' | 'tsa' | 'ocsp'): ChainProblem[] {
  const problems: ChainProblem[] = [];
  // A signer pinned as its own trust anchor is still checked; otherwise the anchor itself is not.
  const checked = path.length === 1 ? path : path.slice(0, -1);
  checked.forEach((cert, i) => {
    const who = i === 0 ? `the ${leafPurpose} certificate` : `CA certificate "${cert.subject}"`;
    if (at.getTime() > cert.notAfter.getTime()) problems.push({ kind: 'expired', message: `${who} expired on ${cert.notAfter.toISOString()}, before ${at.toISOString()}` });
    if (at.getTime() < cert.notBefore.getTime())
      problems.push({ kind: 'not-yet-valid', message: `${who} is valid only from ${cert.notBefore.toISOString()}, after ${at.toISOString()}` });
    const usage = keyUsage(cert);
    if (i === 0 && leafPurpose === 'signer' && usage !== undefined && !usage.digitalSignature && !usage.nonRepudiation) {
      problems.push({ kind: 'usage', message: 'the signer certificate is not for signatures (keyUsage lacks digitalSignature and nonRepudiation)' });
    }
    if (i > 0 && (!isCa(cert) || (usage !== undefined && !usage.keyCertSign))) problems.push({ kind: 'usage', message: `${who} is not a CA allowed to sign certificates` });
  });
  return problems;
}
