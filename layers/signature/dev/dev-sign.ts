import { DevSignerError } from '../errors.ts';
import { issueCrl } from './pki.ts';
import { signPdfDev } from './sign-pdf.ts';
import { loadOrCreateDevCa, type DevRole } from './store.ts';

/**
 * DEVELOPMENT ONLY: signs a PDF as the leader or the agency with the test CA in `caDir` (created on first
 * use), embedding the CA's current CRL so revocation can be established offline.
 */
export async function signWithDevCa(pdf: Uint8Array, role: DevRole, caDir: string, now: Date): Promise<{ signed: Uint8Array; rootPath: string; created: boolean }> {
  const { pki, created, rootPath } = await loadOrCreateDevCa(caDir, now);
  const signer = pki.signers.get(role);
  if (signer === undefined) throw new DevSignerError(`the development CA has no ${role} certificate`);
  // The CRL is issued a minute before signing so it speaks for the signing time (see trust/crl.ts).
  const crl = issueCrl(pki.root, [], new Date(now.getTime() - 60_000));
  const signed = signPdfDev(pdf, { signer, chain: [pki.root.certificate], signingTime: now, fieldName: `Signature-${role}`, crls: [crl] });
  return { signed, rootPath, created };
}
