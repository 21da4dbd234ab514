import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { SignaturePolicy } from '#domain/documents/signature-policy';
import { signingParameters } from '#adapters/parameters/stage-parameters';
import { issueCrl, issueDevCertificate, type DevPki } from '#signature/dev/pki';
import { toPem } from '#signature/trust/certificate';
import type { DevRemoteSigner } from './dev-remote-signer.ts';
import { sampleAgencies, sampleUsers } from './sample-data.ts';

/** The local runtime's agency seal key: one KMS key (in the emulator) behind every sample agency's certificate. */
export const LOCAL_SEAL_KEY_ALIAS = 'alias/vanthu-local-agency-seal';

/** DEVELOPMENT ONLY: the PIN of every sample leader's credential on the development remote signer. */
export const DEV_SIGNER_PIN = '123456';

const DAY = 86_400_000;

/**
 * The sample people who hold a DEVELOPMENT-ONLY credential on the development remote signer: every sample
 * leader, by their `sub` (the credential id), with the PIN {@link DEV_SIGNER_PIN}.
 */
export const devSignerUsers = sampleUsers.filter((user) => user.roles.includes('leader')).map((user) => ({ credentialId: user.sub, name: user.name, pin: DEV_SIGNER_PIN }));

/**
 * Writes the stage's signing parameters for the local runtime into its SSM (the embedded emulator or
 * LocalStack), as an operator would in AWS (docs/DEPLOY.md, "Signing"): the policy; the development CA's
 * and the development remote signer's roots as trust anchors; their fresh CRLs; the development TSA; the
 * remote signer (its client secret in Secrets Manager); and for each sample agency a DEVELOPMENT-ONLY certificate, issued by
 * the development CA, for one KMS signing key made once (alias {@link LOCAL_SEAL_KEY_ALIAS}).
 */
export async function provisionLocalSigning(options: {
  readonly ssm: Pick<SSMClient, 'send'>;
  readonly kms: Pick<KMSClient, 'send'>;
  readonly path: string;
  /** Where the runtime's secrets are named (`vanthu/local`): the remote signer's client secret goes there. */
  readonly secretPrefix: string;
  readonly storeSecret: (name: string, value: string) => Promise<void>;
  readonly policy: SignaturePolicy;
  readonly devCa: DevPki;
  readonly remoteSigner: DevRemoteSigner;
  readonly now: Date;
}): Promise<void> {
  const { ssm, path, devCa, remoteSigner, now } = options;
  const put = (name: string, value: string) =>
    ssm.send(new PutParameterCommand({ Name: `${path}/${name}`, Value: value, Type: 'String', Overwrite: true, Tier: value.length > 4096 ? 'Advanced' : 'Standard' }));
  await put(signingParameters.policy, options.policy);
  await put(`${signingParameters.trustAnchors}/dev-ca`, toPem(devCa.root.certificate));
  await put(`${signingParameters.trustAnchors}/dev-remote-signer`, toPem(remoteSigner.rootCertificate));
  // Issued a minute ago so that they speak for a signature made now, valid a month (a long `npm start` session).
  await put(`${signingParameters.crls}/dev-ca`, toPem(issueCrl(devCa.root, [], new Date(now.getTime() - 60_000), 30), 'X509 CRL'));
  await put(`${signingParameters.crls}/dev-remote-signer`, toPem(remoteSigner.crl(), 'X509 CRL'));
  await put(signingParameters.tsaUrl, remoteSigner.tsaUrl);
  const clientSecretId = `${options.secretPrefix}/signing/remote-client-secret`;
  await options.storeSecret(clientSecretId, remoteSigner.clientSecret);
  await put(
    signingParameters.remote,
    JSON.stringify({ protocol: 'csc-v2', baseUrl: remoteSigner.url, tokenUrl: remoteSigner.tokenUrl, clientId: remoteSigner.clientId, clientSecretId }),
  );
  const publicKey = await sealKey(options.kms);
  for (const agency of sampleAgencies) {
    const certificate = issueDevCertificate(devCa.root, {
      commonName: `DEVELOPMENT ONLY ${agency.name}${agency.sample ? '' : ' [MẪU]'}`,
      publicKey,
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 730 * DAY),
    });
    const certificates = `${toPem(certificate)}${toPem(devCa.root.certificate)}`;
    await put(signingParameters.agency(agency.code102), JSON.stringify({ keyId: LOCAL_SEAL_KEY_ALIAS, certificates }));
  }
}

/** The public key (SPKI DER) of the local seal key, made on first use and kept with the data. */
async function sealKey(kms: Pick<KMSClient, 'send'>): Promise<Uint8Array> {
  const existing = await kms.send(new DescribeKeyCommand({ KeyId: LOCAL_SEAL_KEY_ALIAS })).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'NotFoundException') return undefined;
    throw error;
  });
  if (existing === undefined) {
    const created = await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', Description: 'DEVELOPMENT ONLY vanthu local agency seal' }));
    await kms.send(new CreateAliasCommand({ AliasName: LOCAL_SEAL_KEY_ALIAS, TargetKeyId: created.KeyMetadata?.KeyId }));
  }
  const key = await kms.send(new GetPublicKeyCommand({ KeyId: LOCAL_SEAL_KEY_ALIAS }));
  if (key.PublicKey === undefined) throw new Error('KMS GetPublicKey returned no key');
  return key.PublicKey;
}
