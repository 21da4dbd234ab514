/**
 * Memory of receiving a large package end to end: `receivePackage` (layers/app/axis/receive.ts) takes a
 * 49 MB package (one 37 MiB attachment framed as a PDF, random inside) from a local VDXP server that
 * streams the `getEdoc` answer from a temp file, keeps the raw bytes in S3, parses them back from S3 with
 * the attachment streamed to its own object, checks the sender, registers the incoming document, asks the
 * file checker to verify the PDF and acknowledges; then the file checker's step, the PDF verified from S3
 * (functions/queue/file-uploaded.ts). The issue's bound: extra memory at most 1.5 × the package.
 *
 * The parent (this module under `npm run bench`) runs what the receiver talks to: the local runtime's
 * emulators (dynalite with the transaction front, fauxqs S3 and SQS; infra/local/emulators.ts), the table,
 * bucket and queues of infra/definitions.ts (infra/local/provision.ts, fresh ones for every child, the
 * SAMPLE directory seeded), and the VDXP server (./axis-kit.ts). Each measurement runs in a child: this
 * module bundled by esbuild as the deployed functions are (infra/constructs/function.ts: ESM, minified,
 * source maps, the AWS SDK inside) and started by plain `node --expose-gc --enable-source-maps`, no tsx.
 * The child builds the production dependencies from its environment (layers/adapters/dependencies.ts),
 * runs the same code once on a small package (warm-up), collects garbage, then once on the large one,
 * sampling RSS and heap every 20 ms; nothing here asserts a number.
 *
 * AXIS_RECEIVE_BENCH_ATTACHMENT_MIB=<n> measures a package with an attachment of n MiB instead of 37 (the
 * PDF verifier reads PDFs up to 50 MiB whole and leaves larger ones unverified).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dependencies } from '#adapters/dependencies';
import { DynamoAgencyStore } from '#adapters/dynamo/agency-store';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoFileStore } from '#adapters/dynamo/file-store';
import { packageKey, receivePackage, type ReceiveOutcome } from '#app/axis/receive';
import { verifyRequest, verifyStoredFile } from '#app/files/verify-received';
import type { IncomingDocument } from '#domain/documents/incoming';
import { env, queues } from '#infra/definitions';
import type { LocalNames } from '#infra/local/provision';
import {
  axisServer,
  BENCH_ADDRESSEE,
  BENCH_SENDER,
  ChildFailure,
  closeAll,
  listen,
  MiB,
  reportPhase,
  runChild,
  streamSha256,
  writeAnswer,
  writePackage,
  type PackageFile,
} from './axis-kit.ts';
import type { BenchSection } from './run.ts';
import { measureAfterWarmUp, type WorkMemory } from './tools.ts';

const here = fileURLToPath(import.meta.url);
const CHILD_ENV = 'AXIS_RECEIVE_BENCH_CHILD';
const DOC_ID = 'BENCH-RECEIVE-LARGE';
const ATTACHMENT_MIB = Number(process.env['AXIS_RECEIVE_BENCH_ATTACHMENT_MIB'] ?? 37);
const WARM_UP_DOC_ID = 'BENCH-RECEIVE-WARM-UP';
const CHILD_TIMEOUT_MS = 90_000;
const SAMPLE_EVERY_MS = 20;
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** The flags the Lambda Node runtime starts with besides its memory flags; --max-http-header-size does not matter here. */
const NODE_FLAGS = ['--expose-gc', '--enable-source-maps'];
/** Heap limits tried, from the largest down, until the receive fails. */
const HEAP_LIMITS_MB = [128, 96, 64, 48, 32, 24, 16];
/** Children per row of the first table; the row shows the one that grew most. */
const REPEATS = 2;
/** Lambda memory sizes (512: the axis receiver's setting in infra/definitions.ts, chosen from this table) run with the heap flags the Lambda Node runtime derives from them (see lambdaFlags). */
const LAMBDA_SIZES_MB = [256, 384, 512, 1536];

/**
 * A small young generation: how much of the growth is streamed garbage not yet collected rather than live
 * data. Not a deployed setting (Lambda's runtime passes its own --max-semi-space-size).
 */
const RECEIVER_FLAGS = ['--max-semi-space-size=4'];

type Mode = 'fetch' | 'receive' | 'checker';

interface ChildReport {
  readonly memory: WorkMemory;
  readonly heapLimitMb: number;
  readonly stored?: { readonly size: number; readonly sha256: string };
  readonly outcome?: ReceiveOutcome;
}

interface Checked {
  readonly report: ChildReport;
  readonly failures: readonly string[];
  /** The PDF verifier's verdict on the attachment and its first reason, when it ran. */
  readonly verification?: string;
}

interface Rig {
  readonly pkg: PackageFile;
  readonly run: (label: string, mode: Mode, options?: { trustAnchors?: boolean; nodeFlags?: readonly string[] }) => Promise<Checked>;
}

export async function run(): Promise<BenchSection[]> {
  return withRig(async ({ pkg, run: child }) => {
    const packageMb = pkg.size / MiB;
    const grown = (c: Checked) => c.report.memory.peakRssMb - c.report.memory.baselineMb;
    const worstOf = async (...args: Parameters<Rig['run']>): Promise<Checked> => {
      const runs: Checked[] = [];
      for (let i = 0; i < REPEATS; i += 1) runs.push(await child(...args));
      const worst = runs.reduce((a, b) => (grown(b) > grown(a) ? b : a));
      return { ...worst, failures: [...new Set(runs.flatMap((r) => r.failures))] };
    };
    const fetch = await worstOf('fetch', 'fetch');
    const receive = await worstOf('receive', 'receive');
    const tuned = await worstOf('receive, small young generation', 'receive', { nodeFlags: RECEIVER_FLAGS });
    const checker = await worstOf('file checker', 'checker');
    const row = (way: string, c: Checked) => ({
      way,
      'peak RSS Δ MB': grown(c).toFixed(0),
      '÷ package': `${(grown(c) / packageMb).toFixed(2)}×`,
      '÷ fetch alone': `${(grown(c) / grown(fetch)).toFixed(2)}×`,
      'peak heap MB': c.report.memory.peakHeapMb.toFixed(0),
      'RSS at start / peak MB': `${c.report.memory.startRssMb.toFixed(0)} / ${c.report.memory.peakRssMb.toFixed(0)}`,
      seconds: (c.report.memory.ms / 1000).toFixed(1),
      'CPU s': (c.report.memory.cpuMs / 1000).toFixed(1),
      checks: c.failures.length === 0 ? 'pass' : `FAIL: ${c.failures.join('; ')}`,
    });

    const limits: Record<string, string | number>[] = [];
    for (const limit of HEAP_LIMITS_MB) {
      const probe = await attempt(() => child(`heap ${limit} MB`, 'receive', { nodeFlags: [`--max-old-space-size=${limit}`] }));
      limits.push(limitRow(`--max-old-space-size=${limit}`, probe, packageMb));
      if (!('report' in probe) || probe.failures.length > 0) break;
    }
    for (const size of LAMBDA_SIZES_MB) {
      const probe = await attempt(() => child(`lambda ${size} MB`, 'receive', { nodeFlags: lambdaFlags(size) }));
      limits.push(limitRow(`as Lambda at ${size} MB: ${lambdaFlags(size).join(' ')}`, probe, packageMb, size));
    }

    return [
      {
        title: `Axis receipt end to end: a ${size(pkg)} package fetched, kept, parsed, registered and verified, memory`,
        rows: [
          row("fetch alone: openEdoc → storeStream (the receiver's first step)", fetch),
          row('receivePackage: fetch → S3, parse from S3 → attachment to S3, register, acknowledge (PDF verification requested)', receive),
          row(`receivePackage with a small young generation (${RECEIVER_FLAGS.join(' ')}; an experiment, not deployed)`, tuned),
          row('the file checker verifying the received PDF from the bucket (its own function, functions/queue/file-uploaded.ts)', checker),
        ],
        notes: [
          `Package ${packageMb.toFixed(1)} MiB (${pkg.size} bytes) To ${BENCH_ADDRESSEE} From ${BENCH_SENDER} (the listing's from), one attachment of ${(pkg.attachment.size / MiB).toFixed(1)} MiB: random bytes between %PDF-1.7 and %%EOF; its getEdoc answer is streamed from a temp file by a local VDXP server.`,
          `Each row is the worst of ${REPEATS} child processes, each running this module bundled by esbuild as the functions are deployed, with production dependencies against the local emulators. Peak RSS Δ = its highest RSS (getrusage maxRSS, and RSS sampled every 20 ms) minus its RSS after a warm-up round on a 64 KiB package (same code path) and a full collection; ÷ package = that over the package size; ÷ fetch alone = that over the first row. RSS at start = after loading the bundle, before the warm-up. CPU s = the child's CPU time (all threads) during the large package.`,
          'Checks (parent, after the child): the raw package object in S3 hashes to the package\'s SHA-256; for the receive rows also the outcome "received" with one document, exactly one incoming document in the table with this axis docId and the package key and hash as its source, one file whose recorded SHA-256 is the attachment\'s and whose S3 object hashes the same, and the package acknowledged "done".',
          `PDF verifier on the attachment, in the file checker: ${checker.verification ?? 'did not run'}. It reads the whole object from S3 into one buffer of its size (layers/adapters/signature/pdf-verifier.ts: files up to 50 MiB, larger ones are not verified), which is why it is not done by the receiver; its row is measured after the package was received in the same child, as its own work.`,
        ],
      },
      {
        title: `Axis receipt end to end: the smallest V8 heap and Lambda memory for a ${size(pkg)} package`,
        rows: limits,
        notes: [
          'The whole receive in a child started with these flags. Heap limits are tried from the largest down until one fails. The "as Lambda" rows use the heap flags the Lambda Node.js runtime derives from the memory setting M (new space M/10, --max-semi-space-size=M/20, --max-old-space-size=M×9/10, as published copies of its bootstrap script do); Lambda ends a function whose sandbox exceeds M, so the peak RSS column must stay below M with room to spare.',
          `Node ${process.version} on ${process.arch} here; the functions run Node.js 22 on ARM64 (infra/constructs/function.ts), whose RSS and speed differ somewhat. Lambda gives a function M/1769 of a vCPU.`,
        ],
      },
    ];
  });
}

/** `49 MB`: mebibytes, as the issue counts the package (51,731,584 bytes). */
function size(pkg: PackageFile): string {
  return `${Math.round(pkg.size / MiB)} MB`;
}

function limitRow(flags: string, probe: Checked | ChildFailure, packageMb: number, lambdaMb?: number): Record<string, string | number> {
  if (!('report' in probe)) {
    const when = probe.phases.includes('warmed up') ? 'during the large package' : 'before the large package (start-up or warm-up)';
    return {
      flags,
      outcome: `${probe.heapExhausted ? 'V8 heap exhausted' : `failed (${probe.message.slice(0, 160)})`} ${when}`,
      'V8 heap limit MB': '',
      'peak heap MB': '',
      'peak RSS MB': '',
      'peak RSS Δ ÷ package': '',
      seconds: '',
      'CPU s': '',
    };
  }
  const { memory, heapLimitMb } = probe.report;
  const fits = lambdaMb === undefined ? '' : memory.peakRssMb < lambdaMb ? `, ${(lambdaMb - memory.peakRssMb).toFixed(0)} MB to spare` : ', OVER the memory size';
  return {
    flags,
    outcome: probe.failures.length === 0 ? `received, checks pass${fits}` : `FAIL: ${probe.failures.join('; ')}`,
    'V8 heap limit MB': heapLimitMb.toFixed(0),
    'peak heap MB': memory.peakHeapMb.toFixed(0),
    'peak RSS MB': memory.peakRssMb.toFixed(0),
    'peak RSS Δ ÷ package': `${((memory.peakRssMb - memory.baselineMb) / packageMb).toFixed(2)}×`,
    seconds: (memory.ms / 1000).toFixed(1),
    'CPU s': (memory.cpuMs / 1000).toFixed(1),
  };
}

/** The memory flags of the Lambda Node.js runtime's bootstrap for a function of `memoryMb`. */
function lambdaFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

async function attempt(probe: () => Promise<Checked>): Promise<Checked | ChildFailure> {
  try {
    return await probe();
  } catch (error) {
    if (error instanceof ChildFailure) return error;
    throw error;
  }
}

/** Starts the emulators, the VDXP server and the packages; `body` runs children against them. */
async function withRig<T>(body: (rig: Rig) => Promise<T>): Promise<T> {
  // Only the parent needs these; the child's bundle leaves them out (see bundleChild).
  const { startEmbeddedEmulators } = await import('#infra/local/emulators');
  const { provision } = await import('#infra/local/provision');
  const { seedSampleDirectory } = await import('#infra/local/seed');
  const { loadOrCreateDevCa } = await import('#signature/dev/store');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-axis-receive-bench-'));
  const emulators = await startEmbeddedEmulators(undefined);
  const servers: http.Server[] = [];
  const dynamo = new DynamoDBClient({ region: REGION, endpoint: emulators.endpoints.dynamodb, credentials });
  const documentClient = DynamoDBDocumentClient.from(dynamo);
  const s3 = new S3Client({ region: REGION, endpoint: emulators.endpoints.s3, forcePathStyle: true, credentials });
  const sqs = new SQSClient({ region: REGION, endpoint: emulators.endpoints.sqs, useQueueUrlAsEndpoint: false, credentials });
  try {
    const [pkg, small, bundle, ca] = await Promise.all([
      writePackage(path.join(dir, 'package.edxml'), { attachmentBytes: Math.round(ATTACHMENT_MIB * MiB), codeNumber: '15', pdfFrame: true }),
      writePackage(path.join(dir, 'warm-up.edxml'), { attachmentBytes: 64 * 1024, codeNumber: '16', pdfFrame: true }),
      bundleChild(dir),
      loadOrCreateDevCa(path.join(dir, 'dev-ca'), new Date()),
    ]);
    const acknowledged = new Map<string, string>();
    const listed = {
      [DOC_ID]: { ...(await writeAnswer(pkg.file, path.join(dir, 'package.json'))), from: BENCH_SENDER },
      [WARM_UP_DOC_ID]: { ...(await writeAnswer(small.file, path.join(dir, 'warm-up.json'))), from: BENCH_SENDER },
    };
    const axisUrl = await listen(servers, axisServer(listed, acknowledged));
    let children = 0;

    const runOne: Rig['run'] = async (label, mode, options = {}) => {
      children += 1;
      acknowledged.clear();
      const names = await provision({ dynamo, s3, sqs }, `bench${children}`);
      await seedSampleDirectory(new DynamoAgencyStore(documentClient, names.tableName), new Date());
      try {
        const configPath = `/bench${children}`;
        await stageConfiguration(emulators.endpoints, configPath, options.trustAnchors === false ? undefined : await readFile(ca.rootPath, 'utf8'));
        const childEnv = environment(names, emulators.endpoints, axisUrl, mode, configPath);
        const report = await runChild<ChildReport>(label, [...NODE_FLAGS, ...(options.nodeFlags ?? []), bundle], childEnv, CHILD_TIMEOUT_MS);
        return { report, ...(await check(mode, report, names, pkg, { s3, documentClient, acknowledged })) };
      } finally {
        await emptyBucket(s3, names.bucketName);
      }
    };
    return await body({ pkg, run: runOne });
  } finally {
    await closeAll(servers);
    dynamo.destroy();
    s3.destroy();
    sqs.destroy();
    await emulators.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * This module as one ESM file, built like the deployed functions (infra/constructs/function.ts). What only
 * the parent imports (dynamically) stays outside: the emulators, provisioning, the development CA, esbuild.
 */
async function bundleChild(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(dir, 'axis-receive-child.mjs');
  await build({
    entryPoints: [here],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as vanthuCreateRequire } from 'node:module'; const require = vanthuCreateRequire(import.meta.url);" },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: ['esbuild', '#infra/local/*', '#signature/dev/*'],
    logLevel: 'error',
  });
  return outfile;
}

/** The axis secret's name in the emulated Secrets Manager. */
const BENCH_AXIS_SECRET_ID = 'bench/axis-secret';

/** The stage's configuration as the functions read it: the axis secret, and the trust anchors (when verifying). */
async function stageConfiguration(endpoints: { ssm: string; secretsManager: string }, configPath: string, trustAnchors: string | undefined): Promise<void> {
  const { SSMClient, PutParameterCommand } = await import('@aws-sdk/client-ssm');
  const { SecretsManagerClient, CreateSecretCommand } = await import('@aws-sdk/client-secrets-manager');
  const secrets = new SecretsManagerClient({ region: REGION, endpoint: endpoints.secretsManager, credentials });
  await secrets.send(new CreateSecretCommand({ Name: BENCH_AXIS_SECRET_ID, SecretString: 'bench' })).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === 'ResourceExistsException')) throw error;
  });
  secrets.destroy();
  if (trustAnchors === undefined) return;
  const ssm = new SSMClient({ region: REGION, endpoint: endpoints.ssm, credentials });
  await ssm.send(new PutParameterCommand({ Name: `${configPath}/signing/trust-anchors`, Value: trustAnchors, Type: 'String', Overwrite: true }));
  ssm.destroy();
}

/** The child's whole environment: the function's configuration, nothing inherited that could change it. */
function environment(
  names: LocalNames,
  endpoints: { dynamodb: string; s3: string; sqs: string; ssm: string; secretsManager: string },
  axisUrl: string,
  mode: Mode,
  configPath: string,
): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|AXIS_|VANTHU_|QUEUE_URL_|TABLE_NAME$|BUCKET_NAME$|NODE_OPTIONS$|LOG_LEVEL$|TSX)/.test(name)),
  );
  return {
    ...inherited,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SSM: endpoints.ssm,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    [env.tableName]: names.tableName,
    [env.bucketName]: names.bucketName,
    ...Object.fromEntries(queues.map((q) => [env.queueUrl(q.name), names.queueUrls[q.name]])),
    [env.pageTokenKey]: randomBytes(32).toString('base64url'),
    AXIS_ENDPOINT: axisUrl,
    AXIS_SYSTEM_ID: 'vanthu-hanoi',
    [env.axisSecretId]: BENCH_AXIS_SECRET_ID,
    [env.configPath]: configPath,
    [CHILD_ENV]: mode,
  };
}

/** What the child did, read back from the table, the bucket and the axis. */
async function check(
  mode: Mode,
  report: ChildReport,
  names: LocalNames,
  pkg: PackageFile,
  io: { s3: S3Client; documentClient: DynamoDBDocumentClient; acknowledged: ReadonlyMap<string, string> },
): Promise<{ failures: string[]; verification?: string }> {
  const failures: string[] = [];
  const objectSha256 = async (key: string) => {
    const object = await io.s3.send(new GetObjectCommand({ Bucket: names.bucketName, Key: key }));
    return streamSha256(object.Body as AsyncIterable<Uint8Array>);
  };
  if ((await objectSha256(packageKey(DOC_ID))) !== pkg.sha256) failures.push('raw package object differs');
  if (mode === 'fetch') {
    if (report.stored?.sha256 !== pkg.sha256 || report.stored.size !== pkg.size) failures.push('stored size or hash differs');
    return { failures };
  }
  const outcome = report.outcome;
  if (outcome?.outcome !== 'received' || outcome.documents.length !== 1) failures.push(`outcome ${JSON.stringify(outcome)}`);
  if (io.acknowledged.get(DOC_ID) !== 'done') failures.push(`acknowledged ${io.acknowledged.get(DOC_ID) ?? 'never'}`);
  const listed = await new DynamoDocumentStore(io.documentClient, names.tableName).listDocuments({ organId: BENCH_ADDRESSEE, direction: 'incoming', limit: 50 });
  const documents = listed.items.filter((d): d is IncomingDocument => d.direction === 'incoming' && d.source?.externalId === DOC_ID);
  const document = documents[0];
  if (documents.length !== 1 || document === undefined) {
    failures.push(`${documents.length} incoming documents for the package`);
    return { failures };
  }
  if (document.source?.package?.sha256 !== pkg.sha256 || document.source.package.key !== packageKey(DOC_ID)) failures.push('document source differs from the package');
  const files = (await new DynamoFileStore(io.documentClient, names.tableName).list(document.id, { limit: 10 })).items;
  const file = files[0];
  if (files.length !== 1 || file === undefined) {
    failures.push(`${files.length} files`);
    return { failures };
  }
  if (file.sha256 !== pkg.attachment.sha256 || file.size !== pkg.attachment.size) failures.push('file record differs from the attachment');
  if ((await objectSha256(file.objectKey)) !== pkg.attachment.sha256) failures.push('file object differs from the attachment');
  const reasons = (file.verification?.report as { reasons?: string[] } | undefined)?.reasons ?? [];
  return {
    failures,
    ...(file.verification === undefined ? {} : { verification: `${file.verification.verdict}${reasons[0] === undefined ? '' : ` ("${reasons.join('; ').slice(0, 240)}")`}` }),
  };
}

/** Removes what a child stored, so the emulator in this process does not keep every run's 90 MB. */
async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [{ Key: o.Key }]));
    if (keys.length === 0) return;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
}

/** Child mode: the production dependencies from the environment, a warm-up round, then the large package; prints the report. */
async function childMain(mode: Mode): Promise<void> {
  const deps = dependencies();
  const once = async (docId: string): Promise<Pick<ChildReport, 'stored' | 'outcome'>> =>
    mode === 'fetch'
      ? { stored: await deps.files.content.storeStream(packageKey(docId), await deps.axis().openEdoc(docId), 'application/xml') }
      : { outcome: await receivePackage(deps, { docId, from: BENCH_SENDER }, `bench-${docId}`) };
  // The file checker's step (functions/queue/file-uploaded.ts): the received PDF verified from the bucket.
  const verifyReceived = async (outcome: ChildReport['outcome']) => {
    const documentId = outcome?.outcome === 'received' ? outcome.documents[0] : undefined;
    const file = documentId === undefined ? undefined : (await deps.files.store.list(documentId, { limit: 1 })).items[0];
    if (file !== undefined) await verifyStoredFile(deps, verifyRequest(file).verify);
  };
  let large: ChildReport['outcome'];
  const warmUp = async () => {
    const warm = await once(WARM_UP_DOC_ID);
    if (mode === 'checker') {
      await verifyReceived(warm.outcome);
      large = (await once(DOC_ID)).outcome;
    }
    reportPhase('warmed up');
  };
  const work = async (): Promise<Pick<ChildReport, 'stored' | 'outcome'>> => {
    if (mode !== 'checker') return once(DOC_ID);
    await verifyReceived(large);
    return { outcome: large };
  };
  const { result, memory } = await measureAfterWarmUp(warmUp, work, SAMPLE_EVERY_MS);
  const report: ChildReport = { memory, heapLimitMb: getHeapStatistics().heap_size_limit / MiB, ...result };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // The SDK's idle keep-alive sockets would hold the process open; stdout to a pipe is written synchronously.
  process.exit(0);
}

const childMode = process.env[CHILD_ENV];
if ((childMode === 'fetch' || childMode === 'receive' || childMode === 'checker') && process.argv[1] === here) await childMain(childMode);
