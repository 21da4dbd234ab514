import { ArnFormat, CfnOutput, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { env } from '#infra/definitions';
import type { SignaturePolicy } from '#domain/documents/signature-policy';
import { signingParameters } from '#adapters/parameters/stage-parameters';
import type { VanthuFunction } from './function.ts';

export interface SigningProps {
  readonly stage: string;
  readonly policy: SignaturePolicy;
  /** The agencies (mã định danh) whose seal keys this stage holds. */
  readonly sealAgencies: readonly string[];
  /** An RFC 3161 TSA, when the city uses one. */
  readonly tsaUrl?: string;
}

/** What a signing function is bound to: the stage's parameter path and the seal keys. */
export interface SigningResources {
  readonly configPath: string;
  readonly sealKeys: ReadonlyMap<string, kms.IKey>;
}

/**
 * Signing for a stage (docs/DEPLOY.md, "Signing"): one asymmetric KMS key per agency that seals (RSA-2048,
 * SIGN_VERIFY, never leaves KMS, kept when the stack goes), and the stage's parameters the stack knows —
 * the policy and the TSA. The operator adds what only they have: the trust anchors and each agency's
 * certificate chain (`npx vanthu signing …`, which also makes the certificate request from the key).
 *
 * @example
 * const signing = new Signing(this, 'Signing', { stage: 'prod', policy: 'leader-and-agency', sealAgencies: ['000.00.00.H26'] });
 */
export class Signing extends Construct implements SigningResources {
  readonly configPath: string;
  readonly sealKeys: ReadonlyMap<string, kms.IKey>;

  constructor(scope: Construct, id: string, props: SigningProps) {
    super(scope, id);
    this.configPath = `/vanthu/${props.stage}`;
    new ssm.StringParameter(this, 'Policy', {
      parameterName: `${this.configPath}/${signingParameters.policy}`,
      stringValue: props.policy,
      description: 'What issuing requires of signatures: none | leader | leader-and-agency',
    });
    if (props.tsaUrl !== undefined) {
      new ssm.StringParameter(this, 'TsaUrl', { parameterName: `${this.configPath}/${signingParameters.tsaUrl}`, stringValue: props.tsaUrl, description: 'RFC 3161 TSA' });
    }
    this.sealKeys = new Map(
      props.sealAgencies.map((organId) => {
        const key = new kms.Key(this, `Seal-${organId}`, {
          description: `vanthu ${props.stage}: the seal (chữ ký số của cơ quan) of agency ${organId}`,
          keySpec: kms.KeySpec.RSA_2048,
          keyUsage: kms.KeyUsage.SIGN_VERIFY,
          alias: sealKeyAlias(props.stage, organId),
          removalPolicy: RemovalPolicy.RETAIN,
        });
        Tags.of(key).add('vanthu:purpose', 'agency-seal');
        Tags.of(key).add('vanthu:agency', organId);
        new CfnOutput(this, `SealKey-${organId.replaceAll('.', '-')}`, { value: key.keyArn, description: `seal key of ${organId}` });
        return [organId, key] as const;
      }),
    );
  }
}

/** The alias of an agency's seal key: `alias/vanthu-<stage>-seal-000-00-00-H26`. */
export function sealKeyAlias(stage: string, organId: string): string {
  return `alias/vanthu-${stage}-seal-${organId.replaceAll('.', '-')}`;
}

/**
 * Gives a function the stage's parameter path (VANTHU_CONFIG_PATH) and read access to the parameters under
 * it; `seal` (the issue) also the right to sign with the seal keys (kms:Sign, nothing else); `personal`
 * (prepare, complete) also read access to the secrets of the stage's signing (the remote signer's OAuth2
 * client secret, `vanthu/<stage>/signing/*`).
 *
 * @example
 * bindSigning(fn, signing, 'seal');
 */
export function bindSigning(fn: VanthuFunction, signing: SigningResources, use: 'parameters' | 'personal' | 'seal'): void {
  const stack = Stack.of(fn);
  fn.addEnvironment(env.configPath, signing.configPath);
  const path = signing.configPath.replace(/^\//, '');
  fn.allow(
    new iam.PolicyStatement({
      actions: ['ssm:GetParametersByPath'],
      resources: [
        stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: path }),
        stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: `${path}/*` }),
      ],
    }),
  );
  const keys = [...signing.sealKeys.values()];
  if (use === 'seal' && keys.length > 0) fn.allow(new iam.PolicyStatement({ actions: ['kms:Sign'], resources: keys.map((key) => key.keyArn) }));
  if (use !== 'personal') return;
  fn.allow(
    new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${path}/signing/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }),
  );
}
