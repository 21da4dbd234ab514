import { LimitExceededError, reasonOf } from '../errors.ts';
import { decodeStream } from './filters.ts';
import { isArray, isStream } from './objects.ts';
import type { PdfRevision } from './revision.ts';

/** Validation data of the Document Security Store (ETSI EN 319 142-1 §5.4.2, PAdES-LT). */
export interface DssContents {
  readonly certificates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  /** Entries that could not be decoded. */
  readonly problems: readonly string[];
}

/**
 * Reads /DSS /Certs, /CRLs and /OCSPs of a revision. Undecodable entries are listed, not fatal: the DSS
 * only adds candidates, each of which is verified before use.
 *
 * @example
 * const dss = readDss(finalRevision);
 */
export function readDss(revision: PdfRevision): DssContents {
  const dss = revision.dict(revision.catalog(), 'DSS');
  const problems: string[] = [];
  const read = (key: string): Uint8Array[] => {
    const list = revision.get(dss, key);
    if (!isArray(list)) return [];
    return list.items.flatMap((item, i) => {
      try {
        const stream = revision.resolve(item);
        return isStream(stream) ? [decodeStream(stream)] : [];
      } catch (error) {
        if (error instanceof LimitExceededError) throw error;
        problems.push(`DSS /${key}[${i}] unreadable: ${reasonOf(error)}`);
        return [];
      }
    });
  };
  return { certificates: read('Certs'), crls: read('CRLs'), ocspResponses: read('OCSPs'), problems };
}
