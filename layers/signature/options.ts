import * as z from 'zod';
import { SignatureOptionsError } from './errors.ts';
import { certsFromBytes, type Cert } from './trust/certificate.ts';

/**
 * Online revocation port: the verifier may fetch a CRL named in a certificate only from a host on
 * `allowedHosts` (exact, lower-case), so a hostile PDF cannot make the server call arbitrary URLs (SSRF).
 * `fetch` must enforce its own timeout and size limit.
 */
export interface RevocationFetcher {
  readonly allowedHosts: readonly string[];
  fetch(url: URL): Promise<Uint8Array>;
}

export const VerifyOptionsSchema = z.object({
  /** Trust anchors, each a DER certificate or a PEM file with one or more certificates. */
  trustAnchors: z.array(z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'a trust anchor must be bytes (DER or PEM)')).default([]),
  /** The validation time: "now" for certificates without a signing time and for future-time checks. */
  now: z.date(),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(50 * 2 ** 20),
  maxMillis: z.number().int().positive().default(10_000),
  /**
   * What a change after signing outside the permitted categories (new signatures, form filling,
   * annotations, DSS) does: `fail` → TOTAL_FAILED/FORMAT_FAILURE (default; an official document must not
   * change under its signature), `warn` → reported only, as the DSS default policy does.
   */
  modificationPolicy: z.enum(['fail', 'warn']).default('fail'),
  fetchRevocation: z.custom<RevocationFetcher>((value) => typeof value === 'object' && value !== null && 'fetch' in value && 'allowedHosts' in value).optional(),
});

export type VerifyOptions = z.input<typeof VerifyOptionsSchema>;
export type ResolvedOptions = z.output<typeof VerifyOptionsSchema> & { readonly anchors: readonly Cert[] };

/** Validates options and parses the trust anchors; bad options are a programming error, thrown. */
export function resolveOptions(options: VerifyOptions): ResolvedOptions {
  const parsed = VerifyOptionsSchema.safeParse(options);
  if (!parsed.success) throw new SignatureOptionsError(`bad verification options: ${parsed.error.message}`);
  const anchors = parsed.data.trustAnchors.flatMap((bytes, i) => {
    try {
      return certsFromBytes(bytes);
    } catch (error) {
      throw new SignatureOptionsError(`trust anchor #${i + 1} is not a certificate`, { cause: error });
    }
  });
  return { ...parsed.data, anchors };
}
