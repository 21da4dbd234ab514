import { LOCAL_SECRET_KEY_ENV } from '#adapters/crypto/secret-cipher';
import { LOCAL_S3_PUBLIC_ENDPOINT_ENV } from './s3-relay.ts';
import { notifierEnv } from '#adapters/notifications/from-environment';
import { env } from '#adapters/environment';
import { queueNames, type QueueName } from '#domain/outbox';
import type { FunctionDefinition } from '../definitions.ts';

/** What the local runtime has to hand out: its resources and the settings every function gets. */
export interface LocalResources {
  readonly tableName: string;
  readonly bucketName: string;
  readonly queueUrls: Readonly<Record<QueueName, string>>;
  /** The HMAC key of page tokens (CDK: a generated secret). */
  readonly pageTokenKey: string;
  /** The local stand-in of the webhook secrets KMS key (AES-256-GCM, layers/adapters/crypto). */
  readonly secretKey: string;
  /** This system on the axis simulator; its secret is in Secrets Manager under `secretId`. */
  readonly axis: { readonly endpoint: string; readonly systemId: string; readonly secretId: string };
  /** The SSM path of the stage parameters (signing). */
  readonly configPath: string;
  /** The sender address, and the outbox folder that replaces SES locally. */
  readonly mail: { readonly from: string; readonly outboxDir: string };
  /** Where the register PDF's fonts are (CDK: copied next to the handler). */
  readonly pdfFontDir: string;
  /** What every function gets whatever its grants: region, credentials and endpoints, stage policies. */
  readonly settings: Readonly<Record<string, string>>;
}

/**
 * The environment one function gets locally, from its definition as infra/constructs/bindings.ts and
 * infra/stacks/stateless-stack.ts give it in AWS: `table` → TABLE_NAME and VANTHU_PAGE_TOKEN_KEY, `bucket`
 * → BUCKET_NAME, each `sendsTo` queue → its QUEUE_URL_*, `secrets` → the key (locally VANTHU_LOCAL_SECRET_KEY,
 * see {@link awsNameOf}), `axis` → AXIS_ENDPOINT, AXIS_SYSTEM_ID, AXIS_SECRET_ID (the secret's name in Secrets Manager), `signing` →
 * VANTHU_CONFIG_PATH (the stage parameters in SSM), `sendsEmail` → VANTHU_MAIL_FROM
 * (and the local outbox folder), `printsPdf` → VANTHU_PDF_FONT_DIR; plus the settings and the function's
 * name (AWS_LAMBDA_FUNCTION_NAME, as Lambda sets it). Nothing else: a grant missing from the definition is
 * missing here too.
 *
 * @example
 * functionEnvironment({ ...definition, access: { sendsTo: ['axisOutbox'] } }, resources);
 * // { ...resources.settings, AWS_LAMBDA_FUNCTION_NAME: 'outbox-relay', QUEUE_URL_AXIS_OUTBOX: 'http://…' }
 */
export function functionEnvironment(definition: Pick<FunctionDefinition, 'name' | 'access' | 'printsPdf'>, resources: LocalResources): Record<string, string> {
  const { access } = definition;
  return {
    ...resources.settings,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    ...(access.table === undefined ? {} : { [env.tableName]: resources.tableName, [env.pageTokenKey]: resources.pageTokenKey }),
    ...(access.bucket === undefined ? {} : { [env.bucketName]: resources.bucketName }),
    ...Object.fromEntries((access.sendsTo ?? []).map((queue) => [env.queueUrl(queue), resources.queueUrls[queue]])),
    ...(access.secrets === undefined ? {} : { [LOCAL_SECRET_KEY_ENV]: resources.secretKey }),
    ...(access.axis === true ? { AXIS_ENDPOINT: resources.axis.endpoint, AXIS_SYSTEM_ID: resources.axis.systemId, [env.axisSecretId]: resources.axis.secretId } : {}),
    ...(access.signing === undefined ? {} : { [env.configPath]: resources.configPath }),
    ...(access.sendsEmail === true ? { [notifierEnv.mailFrom]: resources.mail.from, [notifierEnv.outboxDir]: resources.mail.outboxDir } : {}),
    ...(definition.printsPdf === true ? { VANTHU_PDF_FONT_DIR: resources.pdfFontDir } : {}),
  };
}

/**
 * The variable a local name stands for in AWS: the local cipher key for the KMS key id, the outbox folder
 * for the SES sender; every other name is the same on both sides.
 */
export function awsNameOf(localName: string): string {
  return localStandIns()[localName] ?? localName;
}

/**
 * Every name some grant sets (locally or in AWS): inside a function's environment these are read from it
 * only, never from `process.env`, so an operator's shell cannot hand a function what its definition lacks.
 */
export function grantNames(): ReadonlySet<string> {
  const everyGrant = functionEnvironment(
    {
      name: 'every-grant',
      access: { table: 'readwrite', bucket: 'readwrite', sendsTo: queueNames, secrets: 'decrypt', axis: true, sendsEmail: true, signing: 'seal' },
      printsPdf: true,
    },
    {
      tableName: '',
      bucketName: '',
      queueUrls: { axisOutbox: '', axisInbox: '', fileUploaded: '', webhookOutbox: '', notifications: '' },
      pageTokenKey: '',
      secretKey: '',
      axis: { endpoint: '', systemId: '', secretId: '' },
      configPath: '',
      mail: { from: '', outboxDir: '' },
      pdfFontDir: '',
      settings: {},
    },
  );
  return new Set([...Object.keys(everyGrant), ...Object.values(localStandIns())]);
}

/** Read when called, not at module load: the modules that name them may still be loading (an import cycle). */
function localStandIns(): Readonly<Record<string, string>> {
  return { [LOCAL_SECRET_KEY_ENV]: env.webhookSecretsKey, [notifierEnv.outboxDir]: notifierEnv.mailFrom, [LOCAL_S3_PUBLIC_ENDPOINT_ENV]: env.bucketName };
}
