import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { functions as allFunctions, type FunctionDefinition, type QueueName } from '../definitions.ts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAgencyStore } from '#adapters/dynamo/agency-store';
import { loadOrCreateDevCa } from '#signature/dev/store';
import { KMSClient } from '@aws-sdk/client-kms';
import { SSMClient } from '@aws-sdk/client-ssm';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { signaturePolicies, type SignaturePolicy } from '#domain/documents/signature-policy';
import { startDevRemoteSigner, type DevRemoteSigner } from './dev-remote-signer.ts';
import { devSignerUsers, provisionLocalSigning } from './signing-setup.ts';
import { resetSingletons } from '#adapters/lazy';
import { withFunctionEnvironment, type FunctionEnvironment } from '#adapters/config';
import { startApiServer } from './api-server.ts';
import { LOCAL_S3_PUBLIC_ENDPOINT_ENV, S3_RELAY_PREFIX } from './s3-relay.ts';
import { startEmbeddedEmulators, type EmbeddedEmulators, type Endpoints } from './emulators.ts';
import { provision, type LocalNames } from './provision.ts';
import { startQueuePoller, type QueuePoller } from './queue-poller.ts';
import { NOTIFIED_PREFIX, notifyObjectCreated } from './s3-notifications.ts';
import { startSchedules } from './schedules.ts';
import { startAxisSimulator, type AxisSimulator, type SamplePeerSettingsInput } from './axis-simulator/index.ts';
import { seedSampleDirectory, seedSampleNumbering, seedSamplePeople } from './seed.ts';
import { DynamoDirectoryStore } from '#adapters/dynamo/directory-store';
import { upgradeSearchIndex } from '#adapters/dynamo/search-rebuild';
import { DynamoNumberingStore } from '#adapters/dynamo/numbering-store';
import { EmbeddedSnapshot } from './snapshot.ts';
import { functionEnvironment, grantNames, type LocalResources } from './function-environment.ts';
import { releaseVersion } from '../version.ts';

/** What the operator configured before any runtime of this process set its own values. */
const configured = { signaturePolicy: process.env.VANTHU_SIGNATURE_POLICY };

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REGION = 'us-east-1';
/** The sender address of the local reminders (they go to the outbox folder, never to SES). */
const LOCAL_MAIL_FROM = 'nhacviec@vanthu.local';

export interface LocalRuntimeOptions {
  /** Folder for persistent state; omit for an in-memory run (tests). */
  readonly dataDir?: string;
  /** Start from empty state (deletes `dataDir`). */
  readonly reset?: boolean;
  readonly port?: number;
  readonly host?: string;
  /** An AWS-compatible endpoint (LocalStack) to use instead of the embedded emulators. */
  readonly awsEndpoint?: string;
  /** Resource name prefix (several runtimes can share one LocalStack). */
  readonly prefix?: string;
  /** Functions to run; defaults to infra/definitions.ts (tests may add fixtures). */
  readonly functions?: readonly FunctionDefinition[];
  /**
   * What issuing requires of signatures (none | leader | leader-and-agency), written to the stage parameter
   * `signing/policy`; default: $VANTHU_SIGNATURE_POLICY or `none`. Uploaded PDFs are always verified, against
   * the development CA of `devCaDir` and the development remote signer's CA.
   */
  readonly signaturePolicy?: 'none' | 'leader' | 'leader-and-agency';
  /** Load the SAMPLE directory (default true). */
  readonly seed?: boolean;
  /** Faults of the axis simulator at start (latency, error rate, timeouts, duplicate listings, reordering). */
  readonly axisSwitches?: Parameters<AxisSimulator['setSwitches']>[0];
  /**
   * How the SAMPLE peer system acts (answer delays, reject, refuse requests; see axis-simulator/peer.ts).
   * It is paused unless `paused: false` — tests act as the peer system themselves with its credentials,
   * and would race it; `npm start` lets it act. Steered at run time by `POST {axis.url}/_sim/peer`.
   */
  readonly samplePeer?: SamplePeerSettingsInput;
  /** Schedules run this many times faster than defined. */
  readonly scheduleSpeedup?: number;
}

export interface LocalRuntime {
  readonly url: string;
  readonly endpoints: Endpoints;
  readonly names: LocalNames;
  readonly jwt: { readonly secret: string; readonly issuer: string };
  /** The DEVELOPMENT-ONLY test CA whose root the local runtime trusts (`npx vanthu sign --ca-dir`). */
  readonly devCaDir: string;
  /**
   * The DEVELOPMENT-ONLY remote signing service (CSC v2) and TSA: a credential for every sample leader (their
   * `sub`, PIN DEV_SIGNER_PIN of ./signing-setup.ts); the stage parameters point the functions at it.
   */
  readonly remoteSigner: DevRemoteSigner;
  /** The SSM path of this runtime's stage parameters. */
  readonly configPath: string;
  /**
   * The national axis simulator this runtime's system is registered on, and a SAMPLE peer system on it
   * (its credentials; `simulator.peer` is the same system acting by itself, admin at `{url}/_sim/peer`).
   */
  readonly axis: {
    readonly url: string;
    readonly simulator: AxisSimulator;
    readonly peer: { readonly systemId: string; readonly secret: string; readonly agencies: readonly string[] };
  };
  /** The folder whose `outbox.jsonl` receives the reminders that would be e-mailed (functions with `sendsEmail`). */
  readonly outboxDir: string;
  /**
   * Runs `run` as the named function would run: with its environment only (./function-environment.ts).
   * For tests that call a use case or an adapter directly; what it awaits has that function's grants.
   *
   * @example
   * const summary = await runtime.inFunction('deadline-watcher', () => watchDeadlines(dependencies(), options));
   */
  inFunction<T>(name: string, run: () => T): T;
  close(): Promise<void>;
}

/**
 * The whole system on one machine: emulators (or LocalStack), resources from infra/definitions.ts,
 * the API, queue consumers, schedules and S3 notifications, all calling the real handlers.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const { dataDir } = options;
  if (dataDir !== undefined && options.reset === true) await rm(dataDir, { recursive: true, force: true });
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const functions = options.functions ?? allFunctions;

  const awsEndpoint = options.awsEndpoint;
  const embedded: EmbeddedEmulators | undefined = awsEndpoint === undefined ? await startEmbeddedEmulators(dataDir) : undefined;
  const endpoints: Endpoints = embedded?.endpoints ?? {
    dynamodb: awsEndpoint ?? '',
    s3: awsEndpoint ?? '',
    sqs: awsEndpoint ?? '',
    kms: awsEndpoint ?? '',
    ssm: awsEndpoint ?? '',
    secretsManager: awsEndpoint ?? '',
    embedded: false,
  };
  const settings: Record<string, string> = configureSdkEnvironment(endpoints);
  // A runtime started again in this process (tests, benches) must not reach the previous one's emulators.
  resetSingletons();

  const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' };
  const dynamo = new DynamoDBClient({ region: REGION, endpoint: endpoints.dynamodb, credentials });
  const s3 = new S3Client({ region: REGION, endpoint: endpoints.s3, forcePathStyle: true, credentials });
  const sqs = new SQSClient({ region: REGION, endpoint: endpoints.sqs, useQueueUrlAsEndpoint: false, credentials });
  // Nothing a grant gives goes to process.env: each function gets its own environment (see `environments`).
  const names = await provision({ dynamo, s3, sqs }, options.prefix ?? 'vanthu');

  if (options.seed !== false) {
    const documentClient = DynamoDBDocumentClient.from(dynamo);
    await seedSampleDirectory(new DynamoAgencyStore(documentClient, names.tableName), new Date());
    await seedSampleNumbering(new DynamoNumberingStore(documentClient, names.tableName));
    await seedSamplePeople(new DynamoDirectoryStore(documentClient, names.tableName), new Date());
  }
  // A data folder written before the word index existed (or by an older one) is indexed once.
  await upgradeSearchIndex(DynamoDBDocumentClient.from(dynamo), names.tableName);

  const devCaDir = dataDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'vanthu-dev-ca-')) : path.join(dataDir, 'dev-ca');
  const { pki: devCa } = await loadOrCreateDevCa(devCaDir, new Date());
  const remoteSigner = await startDevRemoteSigner({ ...(dataDir === undefined ? {} : { dataDir }), users: devSignerUsers });
  const configPath = `/${options.prefix ?? 'vanthu'}/local`;
  const awsJson = { region: REGION, credentials };
  const secrets = new SecretsManagerClient({ ...awsJson, endpoint: endpoints.secretsManager });
  await provisionLocalSigning({
    secretPrefix: `${options.prefix ?? 'vanthu'}/local`,
    storeSecret: (name, value) => storeSecret(secrets, name, value),
    ssm: new SSMClient({ ...awsJson, endpoint: endpoints.ssm }),
    kms: new KMSClient({ ...awsJson, endpoint: endpoints.kms }),
    path: configPath,
    policy: options.signaturePolicy ?? signaturePolicyOf(configured.signaturePolicy),
    devCa,
    remoteSigner,
    now: new Date(),
  });
  // Reminders are appended to a local outbox file instead of being e-mailed (layers/adapters/notifications).
  const outboxDir = dataDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'vanthu-outbox-')) : path.join(dataDir, 'outbox');

  const jwt = { secret: await developmentSecret(dataDir), issuer: 'vanthu-local' };
  process.env.VANTHU_DEV_JWT_SECRET = jwt.secret;
  process.env.VANTHU_DEV_JWT_ISSUER = jwt.issuer;
  // The local stand-in for the webhook secrets KMS key (AES-256-GCM), kept with the data so stored secrets still decrypt after a restart.
  const secretKey = await developmentSecret(dataDir, 'local-secret-key');
  // The HMAC key of page tokens (CDK gives the deployed functions a generated secret), kept so tokens survive a restart.
  const pageTokenKey = await developmentSecret(dataDir, 'page-token-key');
  // Settings every function gets stay in process.env too: the SDK reads its credentials there, tools and tests their endpoints.
  Object.assign(process.env, settings);
  // The release, as /health, the OpenAPI document and every log line name it (in AWS the CDK app sets it).
  process.env.VANTHU_VERSION = releaseVersion();

  const snapshot = embedded !== undefined && dataDir !== undefined ? new EmbeddedSnapshot(dataDir, s3, sqs) : undefined;
  if (embedded !== undefined) {
    embedded.onObjectEvent(async (event) => {
      const restored = snapshot?.isRestore(event) ?? false;
      if (snapshot !== undefined && !restored) await snapshot.mirror(event);
      if (!restored && event.status === 'uploaded' && event.key.startsWith(NOTIFIED_PREFIX)) {
        await notifyObjectCreated(sqs, names.queueUrls.fileUploaded, { bucket: event.bucket, key: event.key, size: 0, region: REGION });
      }
    });
  } else {
    await configureBucketNotifications(s3, sqs, names);
  }
  if (snapshot !== undefined) {
    await snapshot.restoreObjects(names.bucketName);
    await snapshot.restoreQueues(names.queueUrls);
  }

  const { axis, own } = await startLocalAxis(options.axisSwitches, options.samplePeer);
  // The axis secret lives in Secrets Manager, as in AWS: a function gets its name, never its value.
  const axisSecretId = `${options.prefix ?? 'vanthu'}/local/axis-secret`;
  await storeSecret(secrets, axisSecretId, own.secret);
  secrets.destroy();

  const resources: LocalResources = {
    tableName: names.tableName,
    bucketName: names.bucketName,
    queueUrls: names.queueUrls,
    pageTokenKey,
    secretKey,
    axis: { endpoint: own.endpoint, systemId: own.systemId, secretId: axisSecretId },
    configPath,
    mail: { from: LOCAL_MAIL_FROM, outboxDir },
    pdfFontDir: path.join(repositoryRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf'),
    settings,
  };
  const granted = grantNames();
  const environments = new Map<string, FunctionEnvironment>(
    functions.map((fn) => [fn.name, { functionName: fn.name, variables: functionEnvironment(fn, resources), grantNames: granted }]),
  );
  const environmentOf = (fn: Pick<FunctionDefinition, 'name'>): FunctionEnvironment => {
    const environment = environments.get(fn.name);
    if (environment === undefined) throw new Error(`${fn.name} is not a function of this runtime`);
    return environment;
  };

  const { server, url } = await startApiServer({
    root: repositoryRoot,
    functions,
    environmentOf,
    jwt,
    port: options.port ?? 3000,
    host: options.host ?? '127.0.0.1',
    s3Endpoint: endpoints.s3,
  });
  // Known once the server listens: the presigned URLs the functions with the bucket hand out go through it.
  for (const [name, environment] of environments) {
    if (environment.variables.BUCKET_NAME !== undefined) {
      environments.set(name, { ...environment, variables: { ...environment.variables, [LOCAL_S3_PUBLIC_ENDPOINT_ENV]: `${url}${S3_RELAY_PREFIX}` } });
    }
  }
  const pollers: QueuePoller[] = [];
  for (const fn of functions) {
    if (fn.trigger.kind !== 'queue') continue;
    const queueUrl = names.queueUrls[fn.trigger.queue];
    pollers.push(startQueuePoller({ root: repositoryRoot, fn, environment: environmentOf(fn), sqs, queueUrl, queueArn: await arnOf(sqs, queueUrl), region: REGION }));
  }
  const schedules = startSchedules({ root: repositoryRoot, functions, environmentOf, speedup: options.scheduleSpeedup ?? 1 });

  return {
    url,
    endpoints,
    names,
    jwt,
    devCaDir,
    remoteSigner,
    configPath,
    axis,
    outboxDir,
    inFunction: (name, run) => withFunctionEnvironment(environmentOf({ name }), run),
    close: async () => {
      schedules.stop();
      await Promise.all(pollers.map((p) => p.stop()));
      await closeServer(server);
      if (snapshot !== undefined && embedded !== undefined) {
        const saved: Record<string, ReturnType<EmbeddedEmulators['queueMessages']>> = {};
        for (const [name, queueUrl] of Object.entries(names.queueUrls) as [QueueName, string][]) {
          saved[name] = embedded.queueMessages(queueUrl.split('/').pop() ?? '');
        }
        await snapshot.saveQueues(saved);
      }
      await axis.simulator.close();
      await remoteSigner.close();
      await embedded?.close();
      if (dataDir === undefined) await rm(devCaDir, { recursive: true, force: true });
      if (dataDir === undefined) await rm(outboxDir, { recursive: true, force: true });
      dynamo.destroy();
      s3.destroy();
      sqs.destroy();
    },
  };
}

/** Creates the secret, or gives it a new value when it exists (a restarted runtime with a data folder). */
async function storeSecret(client: SecretsManagerClient, name: string, value: string): Promise<void> {
  try {
    await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceExistsException')) throw error;
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  }
}

/** $VANTHU_SIGNATURE_POLICY when it names a policy; `none` otherwise (a test runtime issues without PDFs). */
function signaturePolicyOf(value: string | undefined): SignaturePolicy {
  if (value === undefined) return 'none';
  if (!(signaturePolicies as readonly string[]).includes(value)) throw new Error(`VANTHU_SIGNATURE_POLICY must be one of ${signaturePolicies.join(', ')}; got ${value}`);
  return value as SignaturePolicy;
}

/** The region, credentials and endpoints of the emulators: settings of every function, in process.env too. */
function configureSdkEnvironment(endpoints: Endpoints): Record<string, string> {
  const settings = {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    AWS_ENDPOINT_URL_SSM: endpoints.ssm,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
  };
  Object.assign(process.env, settings);
  return settings;
}

/** 32 random bytes (base64url) kept in the data folder, so tokens and stored secrets survive restarts. */
async function developmentSecret(dataDir: string | undefined, fileName = 'dev-jwt-secret'): Promise<string> {
  if (dataDir === undefined) return randomBytes(32).toString('base64url');
  const file = path.join(dataDir, fileName);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && existing.length >= 32) return existing;
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function configureBucketNotifications(s3: S3Client, sqs: SQSClient, names: LocalNames): Promise<void> {
  const queueArn = await arnOf(sqs, names.queueUrls.fileUploaded);
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: names.bucketName,
      NotificationConfiguration: {
        QueueConfigurations: [
          { Id: 'files-uploaded', QueueArn: queueArn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: NOTIFIED_PREFIX }] } } },
        ],
      },
    }),
  );
}

async function arnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return result.Attributes?.QueueArn ?? '';
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * The national axis, locally: a simulator on which this city system (every `*.H26` code) and a SAMPLE peer
 * system (ministries `*.G12`, `*.G22`) are registered; the axis functions reach it with `own` (their AXIS_*
 * variables). The peer system acts by itself (collects, answers, sends in) once unpaused; it stops with the simulator.
 */
async function startLocalAxis(
  switches: LocalRuntimeOptions['axisSwitches'],
  samplePeer: SamplePeerSettingsInput | undefined,
): Promise<{ axis: LocalRuntime['axis']; own: { readonly endpoint: string; readonly systemId: string; readonly secret: string } }> {
  const own = { systemId: 'vanthu-hanoi', secret: randomBytes(16).toString('hex'), agencies: ['*.H26'] };
  const peer = { systemId: 'sample-peer-ministries', secret: randomBytes(16).toString('hex'), agencies: ['*.G12', '*.G22'] };
  const simulator = await startAxisSimulator({
    systems: [own, peer],
    ...(switches === undefined ? {} : { switches }),
    peer: { systemId: peer.systemId, settings: { paused: true, ...samplePeer } },
  });
  process.env.AXIS_TIMEOUT_MS ??= '5000';
  return { axis: { url: simulator.url, simulator, peer }, own: { endpoint: simulator.url, systemId: own.systemId, secret: own.secret } };
}
