import type { SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import * as z from 'zod';
import type { AgencySealer, SignatureAlgorithm, SigningCredential } from '#domain/signing/ports';
import { signingParameters, type StageParameters } from '../parameters/stage-parameters.ts';
import { algorithmsOfCertificate, pemBlocks } from './pem.ts';

/** `signing/agencies/<organId>`: the agency's KMS key and its certificate chain (PEM, the agency's certificate first). */
export const agencySealSchema = z.object({
  keyId: z.string().min(1).describe('the asymmetric KMS key (SIGN_VERIFY, RSA_2048/3072 or ECC_NIST_P256): id, ARN or alias'),
  certificates: z.string().min(1).describe("PEM: the agency's certificate, then its CAs"),
});
export type AgencySeal = z.infer<typeof agencySealSchema>;

const KMS_ALGORITHMS: Record<SignatureAlgorithm, SigningAlgorithmSpec> = {
  'rsa-pkcs1-sha256': 'RSASSA_PKCS1_V1_5_SHA_256',
  'rsa-pss-sha256': 'RSASSA_PSS_SHA_256',
  'ecdsa-sha256': 'ECDSA_SHA_256',
};

/**
 * The agency's seal with a key that never leaves AWS KMS: the certificate chain comes from the stage's
 * parameters, the signature from one KMS Sign call over the SHA-256 hash (MessageType DIGEST). An agency
 * without a parameter has no seal (undefined): issuing then refuses with a message for the administrator.
 *
 * @example
 * const sealer = new KmsAgencySealer(async (...call) => (await import('#engines/aws-config')).signDigest(...call), parameters);
 * const signature = await sealer.sign('000.00.01.H26', hash, 'rsa-pkcs1-sha256');
 */
export class KmsAgencySealer implements AgencySealer {
  constructor(
    /** One KMS Sign call over a digest (the aws-config engine's `signDigest`). */
    private readonly signDigest: (keyId: string, digest: Uint8Array, algorithm: SigningAlgorithmSpec) => Promise<Uint8Array>,
    private readonly parameters: Pick<StageParameters, 'get'>,
  ) {}

  async credential(organId: string): Promise<SigningCredential | undefined> {
    const seal = await this.seal(organId);
    if (seal === undefined) return undefined;
    const certificates = pemBlocks(seal.certificates, 'CERTIFICATE');
    const [first] = certificates;
    return first === undefined ? undefined : { certificates, algorithms: algorithmsOfCertificate(first) };
  }

  async sign(organId: string, hash: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array> {
    const seal = await this.seal(organId);
    if (seal === undefined) throw new Error(`no seal is configured for agency ${organId}`);
    return this.signDigest(seal.keyId, hash, KMS_ALGORITHMS[algorithm]);
  }

  private async seal(organId: string): Promise<AgencySeal | undefined> {
    const text = await this.parameters.get(signingParameters.agency(organId));
    if (text === undefined) return undefined;
    const parsed = agencySealSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`the parameter ${signingParameters.agency(organId)} is not {keyId, certificates}: ${parsed.error.message}`);
    return parsed.data;
  }
}
