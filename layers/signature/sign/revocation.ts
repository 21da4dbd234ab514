import type { RevocationFetcher } from '../options.ts';
import { isSelfSigned, parseCert } from '../trust/certificate.ts';
import { parseCrl, speaksFor } from '../trust/crl.ts';
import { fetchCrls } from '../trust/online.ts';

/**
 * The CRLs a new signature carries so that anyone can establish its chain's status at signing time offline
 * (PAdES baseline-B with Adobe's signed revocation attribute): for each certificate but a self-signed root,
 * a configured CRL of its issuer that is current now (a stage parameter, e.g. fetched by an operator's
 * job or the development CAs'), else the CRL its distribution point names, fetched only from allow-listed
 * hosts. Certificates without either get none: the verifier then says INDETERMINATE/TRY_LATER, never passed.
 *
 * @example
 * const crls = await crlsForChain(chain, { configured, fetcher, now: new Date() });
 */
export async function crlsForChain(
  certificates: readonly Uint8Array[],
  options: { readonly configured: readonly Uint8Array[]; readonly fetcher?: RevocationFetcher; readonly now: Date },
): Promise<Uint8Array[]> {
  const parsed = certificates.map((der) => parseCert(der));
  const crls = options.configured.flatMap((der) => {
    try {
      return [{ der, crl: parseCrl(der) }];
    } catch {
      return [];
    }
  });
  const chosen = new Map<string, Uint8Array>();
  const missing = [];
  for (const cert of parsed) {
    if (isSelfSigned(cert)) continue;
    const current = crls.find(({ crl }) => crl.issuer.isEqual(cert.structure.issuer) && speaksFor(crl.thisUpdate.value, crl.nextUpdate?.value, options.now));
    if (current === undefined) missing.push(cert);
    else chosen.set(Buffer.from(current.der).toString('base64'), current.der);
  }
  if (missing.length > 0 && options.fetcher !== undefined) {
    for (const fetched of await fetchCrls(missing, options.fetcher, [])) chosen.set(Buffer.from(fetched.der).toString('base64'), fetched.der);
  }
  return [...chosen.values()];
}
