import type { Budget } from '../limits.ts';
import type { ChainEntry, RevocationReport } from '../report.ts';
import type { Findings } from '../verdict.ts';
import type { Cert } from './certificate.ts';
import { buildChain, chainProblems } from './chain.ts';
import { checkRevocation, type CertRevocation, type RevocationData } from './revocation.ts';

export interface TrustInput {
  readonly leaf: Cert;
  /** Best signing time and whether a trusted timestamp proves it. */
  readonly at: Date;
  readonly proven: boolean;
  readonly pool: readonly Cert[];
  readonly anchors: readonly Cert[];
  readonly revocationData: readonly RevocationData[];
  readonly purpose: 'signer' | 'tsa';
  readonly budget: Budget;
}

export interface TrustResult {
  readonly trusted: boolean;
  readonly chain: readonly Cert[];
  readonly chainReport: readonly ChainEntry[];
  readonly revocation: RevocationReport;
  readonly revocationUsed: readonly RevocationData[];
}

/**
 * Chain, validity at the signing time and revocation of one certificate (ETSI EN 319 102-1 §5.2.6 X.509
 * certificate validation, simplified to the shell model). Time-dependent outcomes depend on whether the
 * time is proven by a trusted timestamp: a claimed time can only make a result INDETERMINATE, except
 * when the signer's own claim already falls after an expiry or a revocation.
 *
 * @example
 * const trust = assessTrust({ leaf, at, proven: false, pool, anchors, revocationData, purpose: 'signer', budget }, findings);
 */
export function assessTrust(input: TrustInput, findings: Findings): TrustResult {
  const { leaf, at, proven } = input;
  const built = buildChain(leaf, input.pool, input.anchors, input.budget);
  const chainReport = built.certificates.map((cert) => entry(cert, input.anchors));
  if (built.status !== 'trusted') {
    findings.indeterminate('NO_CERTIFICATE_CHAIN_FOUND', `no path from "${leaf.subject}" to a configured trust anchor`);
    return { trusted: false, chain: built.certificates, chainReport, revocation: { status: 'not-checked', certificates: [] }, revocationUsed: [] };
  }
  const revocations = checkRevocation(built.certificates, input.revocationData, at);
  const outOfBounds = chainProblems(built.certificates, at, input.purpose);
  for (const problem of outOfBounds) {
    if (problem.kind === 'usage') findings.indeterminate('CHAIN_CONSTRAINTS_FAILURE', problem.message);
    else if (problem.kind === 'expired') {
      if (proven) findings.fail('EXPIRED', problem.message);
      else findings.indeterminate(revocations[0]?.status === 'good' ? 'OUT_OF_BOUNDS_NOT_REVOKED' : 'OUT_OF_BOUNDS_NO_POE', `${problem.message} (claimed time, no timestamp)`);
    } else if (proven) findings.fail('NOT_YET_VALID', problem.message);
    else findings.indeterminate('NOT_YET_VALID', `${problem.message} (claimed time, no timestamp)`);
  }
  revocations.forEach((status, i) => {
    judgeRevocation(status, i === 0, at, proven, findings);
  });
  return {
    trusted: true,
    chain: built.certificates,
    chainReport,
    revocation: revocationReport(revocations),
    revocationUsed: revocations.flatMap((r) => (r.evidence === undefined ? [] : [r.evidence])),
  };
}

function judgeRevocation(status: CertRevocation, isLeaf: boolean, at: Date, proven: boolean, findings: Findings): void {
  const who = isLeaf ? 'the certificate' : `CA certificate "${status.cert.subject}"`;
  if (status.status === 'unknown') {
    findings.indeterminate('TRY_LATER', `revocation status of ${who} cannot be established: ${status.detail}`);
    return;
  }
  if (status.status !== 'revoked') return;
  const revokedAt = status.revokedAt ?? new Date(0);
  const before = revokedAt.getTime() <= at.getTime();
  if (before && isLeaf) {
    findings.fail('REVOKED', `${who} was revoked on ${revokedAt.toISOString()}, before the signing time ${at.toISOString()}`);
    return;
  }
  if (before) {
    findings.indeterminate('REVOKED_CA_NO_POE', `${who} was revoked on ${revokedAt.toISOString()}`);
    return;
  }
  if (!proven)
    findings.indeterminate(isLeaf ? 'REVOKED_NO_POE' : 'REVOKED_CA_NO_POE', `${who} was revoked on ${revokedAt.toISOString()}; no timestamp proves the signature is older`);
}

function revocationReport(revocations: readonly CertRevocation[]): RevocationReport {
  const statuses = revocations.map((r) => r.status);
  const status = statuses.includes('revoked') ? 'revoked' : statuses.includes('unknown') ? 'unknown' : 'good';
  return {
    status,
    certificates: revocations.map((r) => ({
      subject: r.cert.subject,
      status: r.status,
      source: r.evidence === undefined ? null : `${r.evidence.kind}:${r.evidence.source}`,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      detail: r.detail,
    })),
  };
}

export function entry(cert: Cert, anchors: readonly Cert[]): ChainEntry {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256: cert.sha256,
    trustAnchor: anchors.some((a) => a.sha256 === cert.sha256),
  };
}
