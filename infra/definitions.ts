/**
 * The one source of truth for vanthu's resources: the CDK stacks (infra/stacks) and the local runtime
 * (infra/local) both build the table, bucket, queues and functions from these definitions. Nothing here
 * imports CDK or the AWS SDK, so both sides can read it.
 *
 * Key design and access patterns: docs/DATA.md.
 */
import { queueNames, type QueueName } from '#domain/outbox';
import { bucketLayout } from '#domain/files/layout';
import { env } from '#adapters/environment';
import type { HttpMethod } from '#http/contract';
import type { EngineName } from './bundling.ts';
import { operationFunctions } from './operations.ts';
import { queues, type QueueDefinition } from './queues.ts';

/** Generic single-table keys; GSIs are named by number and used by the access patterns in docs/DATA.md. */
export const table = {
  logicalName: 'Documents',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type IndexName = (typeof table.globalIndexes)[number]['name'];

/** The one bucket: document files, raw edXML packages, exported registers. */
export const bucket = {
  logicalName: 'Files',
  ...bucketLayout,
} as const;

export { queueNames, queues, type QueueDefinition, type QueueName };

export type { HttpMethod };

export interface HttpRoute {
  readonly method: HttpMethod;
  /** API Gateway route path, with `{param}` placeholders. */
  readonly path: string;
  /** `jwt`: behind the JWT authorizer; `none`: public; `signed`: public, authenticated by the handler. */
  readonly auth: 'jwt' | 'none' | 'signed';
}

export type Trigger =
  | { readonly kind: 'http'; readonly routes: readonly HttpRoute[] }
  | { readonly kind: 'queue'; readonly queue: QueueName; readonly batchSize: number }
  | { readonly kind: 'schedule'; readonly everyMinutes: number };

export interface DataAccess {
  readonly table?: 'read' | 'readwrite';
  readonly bucket?: 'read' | 'readwrite';
  /** May destroy uploaded objects under `files/` (s3:DeleteObject, DeleteObjectVersion): a secret document's content only. */
  readonly destroysSecretContent?: boolean;
  /** Queues this function sends to. Consuming is granted by its trigger. */
  readonly sendsTo?: readonly QueueName[];
  /** Use of the webhook secrets KMS key: encrypt new secrets, or decrypt stored ones (always with an encryption context). */
  readonly secrets?: 'encrypt' | 'decrypt';
  /** Sends e-mail through SES (reminders): the sender address and `ses:SendEmail` on its configured identity only. */
  readonly sendsEmail?: boolean;
  /** Talks to the national axis (AXIS_ENDPOINT, AXIS_SYSTEM_ID, and the secret's name AXIS_SECRET_ID: read from Secrets Manager). */
  readonly axis?: boolean;
  /**
   * Signs or verifies PDFs: reads the stage's signing parameters (SSM under VANTHU_CONFIG_PATH: policy, trust
   * anchors, agency certificates, TSA, remote signer); `personal` also reads the remote signing service's
   * client secret (Secrets Manager), `seal` also signs with the agencies' seal keys (kms:Sign).
   */
  readonly signing?: 'parameters' | 'personal' | 'seal';
  /**
   * Puts issued originals under S3 Object Lock (s3:PutObjectRetention on `files/`, and the stage's
   * `issuedRetentionYears` as VANTHU_ISSUED_RETENTION_YEARS): layers/app/files/retain-original.ts.
   */
  readonly retainsOriginals?: boolean;
}

export interface FunctionDefinition {
  /** Logical name, kebab-case; the CDK construct id and the local runtime's log name. */
  readonly name: string;
  /** Handler file relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly trigger: Trigger;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly access: DataAccess;
  /** Only in the local runtime, never deployed (the development token issuer). */
  readonly localOnly?: boolean;
  /** Prints PDFs (layers/print): the bundle ships the fonts and their licence next to the handler. */
  readonly printsPdf?: boolean;
  /** The engines (infra/bundling.ts) its handler loads on first use: each ships as a file beside the bundle. */
  readonly engines?: readonly EngineName[];
}

/**
 * Every Lambda function of the system, one handler file and one role each: the function of each operation
 * (derived from its declaration, infra/operations.ts), and the workers that queues and schedules run.
 */
export const functions: readonly FunctionDefinition[] = [
  ...operationFunctions,
  {
    name: 'outbox-relay',
    entry: 'functions/schedule/outbox-relay.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { table: 'readwrite', sendsTo: ['axisOutbox', 'notifications'] },
  },
  {
    name: 'notification-sender',
    entry: 'functions/queue/notification-sender.ts',
    // One notice a record: its inboxes (a conditional put per audience), one directory Query, then up to
    // 10 e-mails at once — a unit of 50 in 5 rounds (`npm run bench -- notices`, docs/BENCHMARKS.md).
    trigger: { kind: 'queue', queue: 'notifications', batchSize: 10 },
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { table: 'readwrite', sendsEmail: true },
  },
  {
    name: 'axis-sender',
    entry: 'functions/queue/axis-sender.ts',
    trigger: { kind: 'queue', queue: 'axisOutbox', batchSize: 10 },
    timeoutSeconds: 60,
    memoryMb: 1024,
    // The axis secret is read from Secrets Manager through the configuration engine.
    engines: ['aws-config'],
    access: { table: 'readwrite', bucket: 'read', sendsTo: ['axisOutbox', 'webhookOutbox', 'notifications'], axis: true },
  },
  {
    name: 'axis-poller',
    entry: 'functions/schedule/axis-poller.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    timeoutSeconds: 60,
    memoryMb: 256,
    engines: ['aws-config'],
    access: { table: 'readwrite', sendsTo: ['axisInbox'], axis: true },
  },
  {
    name: 'axis-receiver',
    entry: 'functions/queue/axis-receiver.ts',
    // One package per invocation, streamed end to end: a 100 MiB package from a slow axis may take the
    // client's whole stream budget (AXIS_STREAM_TIMEOUT_MS, 10 min), which this timeout covers. Memory from
    // `npm run bench -- axis-receive` (docs/BENCHMARKS.md): peak RSS about 200–260 MB whatever the package
    // size; 512 MB leaves twice that.
    trigger: { kind: 'queue', queue: 'axisInbox', batchSize: 1 },
    timeoutSeconds: 720,
    memoryMb: 512,
    engines: ['aws-config'],
    // fileUploaded: a request to verify each received PDF (verified there, where a PDF may be read whole).
    // axisInbox: its own queue, to hand a failed package back with a growing delay (exponential backoff).
    access: { table: 'readwrite', bucket: 'readwrite', sendsTo: ['axisOutbox', 'webhookOutbox', 'fileUploaded', 'axisInbox', 'notifications'], axis: true },
  },
  {
    name: 'file-uploaded',
    entry: 'functions/queue/file-uploaded.ts',
    // Streams each object through SHA-256 and verifies PDFs whole (layers/signature).
    trigger: { kind: 'queue', queue: 'fileUploaded', batchSize: 5 },
    timeoutSeconds: 60,
    memoryMb: 1024,
    // The signature layer loads with the first PDF (an engine), not with the function.
    // The trust anchors are read through the configuration engine.
    engines: ['aws-config', 'pdf-signatures'],
    // readwrite: the verifier stores its evidence (certificates, revocation data) under evidence/
    // destroysSecretContent: an upload whose document became secret on the way is destroyed, not kept.
    // signing: the trust anchors are stage parameters (SSM), read when the first PDF is verified.
    // retainsOriginals: an issue's `retain-original` message locks the issued original's version.
    access: { table: 'readwrite', bucket: 'readwrite', destroysSecretContent: true, signing: 'parameters', retainsOriginals: true },
  },
  {
    name: 'webhook-sender',
    entry: 'functions/queue/webhook-sender.ts',
    // Up to 5 posts of at most 10 s each, one after the other; retries are re-sent to the same queue.
    trigger: { kind: 'queue', queue: 'webhookOutbox', batchSize: 5 },
    timeoutSeconds: 60,
    memoryMb: 512,
    access: { table: 'readwrite', secrets: 'decrypt', sendsTo: ['webhookOutbox'] },
  },
  {
    name: 'search-index-sweeper',
    entry: 'functions/schedule/search-index-sweeper.ts',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    timeoutSeconds: 120,
    memoryMb: 256,
    access: { table: 'readwrite' },
  },
  {
    name: 'deadline-watcher',
    entry: 'functions/schedule/deadline-watcher.ts',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    timeoutSeconds: 300,
    memoryMb: 512,
    // axisOutbox: the status notice of a document it flags overdue goes to the sender through the outbox.
    access: { table: 'readwrite', sendsEmail: true, sendsTo: ['axisOutbox'] },
  },
];

/** Environment variable names the adapters read (declared in layers/adapters/environment.ts). */
export { env };

/** Visibility timeout of a queue: at least six times its consumer's timeout (AWS guidance). */
export function visibilityTimeoutSeconds(queue: QueueName): number {
  const consumers = functions.filter((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue);
  const longest = Math.max(30, ...consumers.map((f) => f.timeoutSeconds));
  return longest * 6;
}
