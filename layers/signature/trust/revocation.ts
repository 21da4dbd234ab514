import type * as pkijs from 'pkijs';
import { reasonOf } from '../errors.ts';
import type { Cert } from './certificate.ts';
import { crlAnswer, parseCrl } from './crl.ts';
import { ocspAnswer, parseOcsp } from './ocsp.ts';

/** Where a piece of revocation data came from. */
export type RevocationSource = 'cms' | 'signed-attribute' | 'dss' | 'fetched';

export interface RevocationData {
  readonly kind: 'crl' | 'ocsp';
  readonly der: Uint8Array;
  readonly source: RevocationSource;
}

/** The revocation status established for one certificate of a path. */
export interface CertRevocation {
  readonly cert: Cert;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt?: Date;
  /** The CRL or OCSP response the status rests on. */
  readonly evidence?: RevocationData;
  readonly issuedAt?: Date;
  readonly detail: string;
}

/**
 * Establishes the status of every certificate of a trusted path except the anchor, at time `at`, from
 * the revocation data found in the file (and fetched, if the caller allowed it). A revocation found in
 * any valid source wins; otherwise the first source that speaks for `at` says "good"; with none the
 * status is "unknown", which the verdict turns into INDETERMINATE — never a pass.
 *
 * @example
 * const statuses = checkRevocation(chain.certificates, revocationData, signingTime);
 */
export function checkRevocation(path: readonly Cert[], data: readonly RevocationData[], at: Date): CertRevocation[] {
  const parsed = data.map(parseOne);
  return path.slice(0, -1).map((cert, i) => {
    const issuer = path[i + 1] as Cert;
    const reasons: string[] = [];
    let good: CertRevocation | undefined;
    for (const item of parsed) {
      if ('error' in item) {
        reasons.push(item.error);
        continue;
      }
      const answer = item.kind === 'crl' ? crlAnswer(item.crl, cert, issuer, at) : ocspAnswer(item.ocsp, cert, issuer, at);
      if (!answer.applies) {
        reasons.push(`${item.data.kind} from ${item.data.source}: ${answer.why}`);
        continue;
      }
      if (answer.status === 'revoked') {
        return {
          cert,
          status: 'revoked',
          revokedAt: answer.revokedAt,
          evidence: item.data,
          issuedAt: answer.issuedAt,
          detail: `revoked on ${answer.revokedAt?.toISOString()} (${item.data.kind} from ${item.data.source})`,
        };
      }
      if (answer.status === 'good' && good === undefined) {
        good = {
          cert,
          status: 'good',
          evidence: item.data,
          issuedAt: answer.issuedAt,
          detail: `not revoked (${item.data.kind} from ${item.data.source} of ${answer.issuedAt.toISOString()})`,
        };
      }
    }
    if (good !== undefined) return good;
    const detail = reasons.length === 0 ? 'no CRL or OCSP response for this certificate in the file' : `no usable revocation data: ${reasons.join('; ')}`;
    return { cert, status: 'unknown', detail };
  });
}

type Parsed =
  | { readonly kind: 'crl'; readonly crl: pkijs.CertificateRevocationList; readonly data: RevocationData }
  | { readonly kind: 'ocsp'; readonly ocsp: pkijs.BasicOCSPResponse; readonly data: RevocationData }
  | { readonly error: string };

function parseOne(data: RevocationData): Parsed {
  try {
    return data.kind === 'crl' ? { kind: 'crl', crl: parseCrl(data.der), data } : { kind: 'ocsp', ocsp: parseOcsp(data.der), data };
  } catch (error) {
    return { error: `unreadable ${data.kind} from ${data.source}: ${reasonOf(error)}` };
  }
}
