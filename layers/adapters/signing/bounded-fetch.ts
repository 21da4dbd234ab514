import { readBoundedAnswer } from '../bounded-answer.ts';

/**
 * GETs a URL (a CRL named by a certificate, on an allow-listed host) within a time and size bound, following
 * no redirects: a redirect could leave the allow-list. Throws on anything but a whole 200 answer.
 */
export async function boundedFetch(url: URL, limits: { readonly maxBytes: number; readonly timeoutMs: number }): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'error' });
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status}`);
  }
  return readBoundedAnswer(response, limits.maxBytes);
}
