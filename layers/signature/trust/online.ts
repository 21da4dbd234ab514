import { reasonOf } from '../errors.ts';
import type { RevocationFetcher } from '../options.ts';
import { crlDistributionUrls, type Cert } from './certificate.ts';
import type { RevocationData } from './revocation.ts';

/** At most this many fetches per verification, whatever the file names. */
const MAX_FETCHES = 4;

/**
 * Fetches the CRLs named by the certificates' CRL distribution points, but only over http(s) and only
 * from hosts on the caller's allow-list: URLs come from the (untrusted) file, so anything else would let
 * a PDF make the server call arbitrary addresses. OCSP requests are not built; an OCSP port would go here.
 *
 * @example
 * const extra = await fetchCrls(chainWithoutAnchor, fetcher, warnings);
 */
export async function fetchCrls(certs: readonly Cert[], fetcher: RevocationFetcher, warnings: string[]): Promise<RevocationData[]> {
  const urls = [...new Set(certs.flatMap(crlDistributionUrls))].flatMap((text) => {
    if (isFetchAllowed(text, fetcher.allowedHosts)) return [new URL(text)];
    warnings.push(`CRL at ${text.slice(0, 200)} not fetched: not an http(s) URL on an allow-listed host`);
    return [];
  });
  const fetched: RevocationData[] = [];
  for (const url of urls.slice(0, MAX_FETCHES)) {
    try {
      fetched.push({ kind: 'crl', der: await fetcher.fetch(url), source: 'fetched' });
    } catch (error) {
      warnings.push(`CRL at ${url.href} could not be fetched: ${reasonOf(error)}`);
    }
  }
  return fetched;
}

/** True when an allow-listed fetch could be attempted for this URL (exposed for tests and callers). */
export function isFetchAllowed(text: string, allowedHosts: readonly string[]): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && allowedHosts.map((h) => h.toLowerCase()).includes(url.hostname.toLowerCase());
}
