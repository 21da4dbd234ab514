import { signaturePolicies, type SignaturePolicy } from '#domain/documents/signature-policy';
import { optional } from '../config.ts';

/** `VANTHU_SIGNATURE_POLICY`: none | leader | leader-and-agency (default: leader-and-agency). */
export function signaturePolicyFromEnvironment(): SignaturePolicy {
  const value = optional('VANTHU_SIGNATURE_POLICY') ?? 'leader-and-agency';
  if (!(signaturePolicies as readonly string[]).includes(value)) throw new Error(`VANTHU_SIGNATURE_POLICY must be one of ${signaturePolicies.join(', ')}; got ${value}`);
  return value as SignaturePolicy;
}
