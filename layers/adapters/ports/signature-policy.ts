import type { Dependencies } from '#app/context';
import { signaturePolicyFromEnvironment } from '../signature/policy.ts';

/** The `signaturePolicy` port: what issuing requires of the final PDF's signatures. */
export const signaturePolicy = (): Dependencies['signaturePolicy'] => signaturePolicyFromEnvironment();
