/**
 * The one source of truth for vanthu's resources: the CDK stacks (infra/stacks) and the local runtime
 * (infra/local) both build the table, bucket, queues and functions from these definitions. Nothing here
 * imports CDK or the AWS SDK, so both sides can read it.
 *
 * Key design and access patterns: docs/DATA.md. Areas built in parallel keep their function lists in
 * infra/functions/<area>.ts (they use `api` from infra/functions/api.ts, never runtime values of this module).
 */
import { api } from './functions/api.ts';
import { fileFunctions } from './functions/files.ts';
import { recordFunctions } from './functions/records.ts';
import { reminderFunctions } from './functions/reminders.ts';
import { webhookFunctions } from './functions/webhooks.ts';

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
  /** Presigned upload URLs expire after this many seconds. */
  uploadUrlSeconds: 900,
  /** Uploaded document files live under this prefix; their object-created events go to `fileUploaded`. */
  uploadPrefix: 'files/',
  /** Exports the system generates (printed registers too large to answer inline); expired after a day. */
  exportPrefix: 'exports/',
} as const;

export interface QueueDefinition {
  /** Logical name; the physical name is generated (CDK) or derived (local runtime). */
  readonly name: QueueName;
  readonly fifo: boolean;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly description: string;
}

export const queueNames = ['axisOutbox', 'axisInbox', 'fileUploaded', 'webhookOutbox'] as const;
export type QueueName = (typeof queueNames)[number];

export const queues: readonly QueueDefinition[] = [
  {
    name: 'axisOutbox',
    fifo: true,
    maxReceiveCount: 8,
    description: 'edoc and status packages to the national axis; message group = document',
  },
  {
    name: 'axisInbox',
    fifo: false,
    maxReceiveCount: 8,
    description: 'docIds listed by the axis poller, fetched and registered by the receiver',
  },
  {
    name: 'fileUploaded',
    fifo: false,
    maxReceiveCount: 5,
    description: 'S3 object-created events for uploaded files, consumed by the signature verifier',
  },
  {
    name: 'webhookOutbox',
    fifo: false,
    maxReceiveCount: 10,
    description: 'signed webhook deliveries to agencies that registered an endpoint',
  },
];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

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
  /** Talks to the national axis (AXIS_ENDPOINT, AXIS_SYSTEM_ID, AXIS_SECRET). */
  readonly axis?: boolean;
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
}


/** Every Lambda function of the system: one handler file each, one role each. */
export const functions: readonly FunctionDefinition[] = [
  api('health', [{ method: 'GET', path: '/health', auth: 'none' }], {}),
  api('openapi', [{ method: 'GET', path: '/openapi.json', auth: 'none' }], {}),
  api('dev-token', [{ method: 'POST', path: '/dev/token', auth: 'none' }], {}, { localOnly: true }),
  api('list-agencies', [{ method: 'GET', path: '/agencies', auth: 'jwt' }], { table: 'read' }),
  api('get-agency', [{ method: 'GET', path: '/agencies/{organId}', auth: 'jwt' }], { table: 'read' }),
  api('agency-history', [{ method: 'GET', path: '/agencies/{organId}/history', auth: 'jwt' }], { table: 'read' }),
  api('create-agency', [{ method: 'POST', path: '/agencies', auth: 'jwt' }], { table: 'readwrite' }),
  api('update-agency', [{ method: 'PUT', path: '/agencies/{organId}', auth: 'jwt' }], { table: 'readwrite' }),
  api('import-agencies', [{ method: 'POST', path: '/agencies/import', auth: 'jwt' }], { table: 'readwrite' }, { timeoutSeconds: 29, memoryMb: 1024 }),
  api('register-incoming', [{ method: 'POST', path: '/documents/incoming', auth: 'jwt' }], { table: 'readwrite' }),
  api('get-document', [{ method: 'GET', path: '/documents/{id}', auth: 'jwt' }], { table: 'read' }),
  api('list-documents', [{ method: 'GET', path: '/documents', auth: 'jwt' }], { table: 'read' }),
  api('document-history', [{ method: 'GET', path: '/documents/{id}/history', auth: 'jwt' }], { table: 'read' }),
  api('create-outgoing', [{ method: 'POST', path: '/documents/outgoing', auth: 'jwt' }], { table: 'readwrite' }),
  api('edit-draft', [{ method: 'PUT', path: '/documents/{id}/draft', auth: 'jwt' }], { table: 'readwrite' }),
  api('register-arrived', [{ method: 'POST', path: '/documents/{id}/register', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('return-incoming', [{ method: 'POST', path: '/documents/{id}/return', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('assign-incoming', [{ method: 'POST', path: '/documents/{id}/assignments', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('progress-incoming', [{ method: 'POST', path: '/documents/{id}/progress', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('complete-incoming', [{ method: 'POST', path: '/documents/{id}/complete', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('submit-outgoing', [{ method: 'POST', path: '/documents/{id}/submit', auth: 'jwt' }], { table: 'readwrite' }),
  api('approve-outgoing', [{ method: 'POST', path: '/documents/{id}/approve', auth: 'jwt' }], { table: 'readwrite' }),
  api('reject-outgoing', [{ method: 'POST', path: '/documents/{id}/reject', auth: 'jwt' }], { table: 'readwrite' }),
  api('issue-outgoing', [{ method: 'POST', path: '/documents/{id}/issue', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('revoke-outgoing', [{ method: 'POST', path: '/documents/{id}/revoke', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('update-outgoing', [{ method: 'POST', path: '/documents/{id}/update', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('replace-outgoing', [{ method: 'POST', path: '/documents/{id}/replace', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('decide-request', [{ method: 'POST', path: '/documents/{id}/request-decision', auth: 'jwt' }], { table: 'readwrite', sendsTo: ['axisOutbox'] }),
  api('read-numbering', [{ method: 'GET', path: '/agencies/{organId}/numbering', auth: 'jwt' }], { table: 'read' }),
  api('configure-numbering', [{ method: 'PUT', path: '/agencies/{organId}/numbering', auth: 'jwt' }], { table: 'readwrite' }),
  api('kpi-report', [{ method: 'GET', path: '/reports/kpi', auth: 'jwt' }], { table: 'read' }),
  api('exchange-report', [{ method: 'GET', path: '/reports/exchange', auth: 'jwt' }], { table: 'read' }),
  api('overdue-report', [{ method: 'GET', path: '/reports/overdue', auth: 'jwt' }], { table: 'read' }),
  api('list-registers', [{ method: 'GET', path: '/registers', auth: 'jwt' }], { table: 'read' }),
  // A printed register too large for a Lambda answer is kept under exports/ and downloaded from there.
  api('read-register', [{ method: 'GET', path: '/registers/{direction}', auth: 'jwt' }], { table: 'read', bucket: 'readwrite' }, { timeoutSeconds: 29, memoryMb: 1024, printsPdf: true }),
  {
    name: 'outbox-relay',
    entry: 'functions/schedule/outbox-relay.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { table: 'readwrite', sendsTo: ['axisOutbox'] },
  },
  {
    name: 'axis-sender',
    entry: 'functions/queue/axis-sender.ts',
    trigger: { kind: 'queue', queue: 'axisOutbox', batchSize: 10 },
    timeoutSeconds: 60,
    memoryMb: 1024,
    access: { table: 'readwrite', bucket: 'read', sendsTo: ['axisOutbox', 'webhookOutbox'], axis: true },
  },
  {
    name: 'axis-poller',
    entry: 'functions/schedule/axis-poller.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    timeoutSeconds: 60,
    memoryMb: 256,
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
    // fileUploaded: a request to verify each received PDF (verified there, where a PDF may be read whole).
    access: { table: 'readwrite', bucket: 'readwrite', sendsTo: ['axisOutbox', 'webhookOutbox', 'fileUploaded'], axis: true },
  },
  ...recordFunctions,
  ...fileFunctions,
  ...webhookFunctions,
  ...reminderFunctions,
];

/** Environment variable names the adapters read (one place, so CDK and the local runtime agree). */
export const env = {
  tableName: 'TABLE_NAME',
  bucketName: 'BUCKET_NAME',
  /** The KMS key that encrypts webhook secrets (set for functions with `access.secrets`). */
  webhookSecretsKey: 'WEBHOOK_KMS_KEY_ID',
  /** The HMAC key of page tokens (layers/adapters/dynamo/page-token.ts), set for functions with `access.table`. */
  pageTokenKey: 'VANTHU_PAGE_TOKEN_KEY',
  queueUrl: (queue: QueueName): string => `QUEUE_URL_${queue.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
} as const;

/** Visibility timeout of a queue: at least six times its consumer's timeout (AWS guidance). */
export function visibilityTimeoutSeconds(queue: QueueName): number {
  const consumers = functions.filter((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue);
  const longest = Math.max(30, ...consumers.map((f) => f.timeoutSeconds));
  return longest * 6;
}
