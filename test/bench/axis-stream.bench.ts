/**
 * Memory of taking a large package from the axis into the bucket: a 49 MB package (one 37 MiB attachment,
 * random bytes) answered by a local HTTP server that streams the `getEdoc` JSON from a temp file, stored
 * in the S3 emulator (fauxqs) running in this process. Each way of doing it runs alone in a child process
 * (this file with AXIS_STREAM_BENCH_CHILD set), which reports how far its RSS grew above what it had
 * after start-up and a warm-up round; nothing here asserts a number. The bound: extra memory at
 * most 1.5 × the package.
 *
 * - stream: `openEdoc` piped into `storeStream` (8 MiB parts, multipart upload), the receiver's way;
 * - collect: `getEdoc` (the same stream, collected) then `storeObject`, one PutObject of the whole package;
 * - before: the client as it was before streaming (the whole answer read as text, `JSON.parse`,
 *   `Buffer.from(data, 'base64')`, a copy) then `storeObject`.
 * fauxqs refuses request bodies over 11 MiB (its Fastify `bodyLimit`), so the single 49 MB PutObject of
 * `collect` and `before` goes to a sink in this process that reads the request and discards it: the child
 * does the same work as against S3.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { staticCredentialSigner } from '#adapters/axis/signer';
import { VdxpClient } from '#adapters/axis/vdxp-client';
import { S3FileContentStore } from '#adapters/s3/file-content-store';
import { startEmbeddedEmulators } from '#infra/local/emulators';
import { axisServer, closeAll, listen, MiB, runChild, streamSha256, writeAnswer, writePackage } from './axis-kit.ts';
import type { BenchSection } from './run.ts';
import { measureAfterWarmUp, type WorkMemory } from './tools.ts';

const here = fileURLToPath(import.meta.url);
const BUCKET = 'vanthu-bench-files';
const DOC_ID = 'BENCH-49MB';
const WARM_UP_DOC_ID = 'BENCH-WARM-UP';
const CHILD_TIMEOUT_MS = 120_000;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

type Mode = 'stream' | 'collect' | 'before';
const modes: readonly { mode: Mode; what: string }[] = [
  { mode: 'stream', what: 'openEdoc → storeStream (multipart, 8 MiB parts)' },
  { mode: 'collect', what: 'getEdoc (collected) → storeObject' },
  { mode: 'before', what: 'client before streaming: answer text → JSON.parse → base64 → storeObject' },
];

interface ChildReport {
  readonly memory: WorkMemory;
  readonly size: number;
  readonly sha256: string;
}

export async function run(): Promise<BenchSection> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-axis-stream-bench-'));
  const emulators = await startEmbeddedEmulators(undefined);
  const servers: http.Server[] = [];
  try {
    const pkg = await writePackage(path.join(dir, 'package.edxml'), { attachmentBytes: 37 * MiB });
    const answer = await writeAnswer(pkg.file, path.join(dir, 'answer.json'));
    const small = await writeAnswer((await writePackage(path.join(dir, 'small.edxml'), { attachmentBytes: 64 * 1024 })).file, path.join(dir, 'small.json'));
    const axis = await listen(servers, axisServer({ [DOC_ID]: answer, [WARM_UP_DOC_ID]: small }));
    const sink = await listen(servers, sinkServer());
    const s3 = new S3Client({ region: 'us-east-1', endpoint: emulators.endpoints.s3, forcePathStyle: true, credentials });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));

    const packageMb = pkg.size / MiB;
    const rows: Record<string, string | number>[] = [];
    for (const { mode, what } of modes) {
      const report = await child(mode, { AXIS_URL: axis, S3_URL: mode === 'stream' ? emulators.endpoints.s3 : sink });
      const grown = report.memory.peakRssMb - report.memory.baselineMb;
      const intact = report.size === pkg.size && report.sha256 === pkg.sha256 && (mode !== 'stream' || (await storedSha256(s3)) === pkg.sha256);
      rows.push({
        way: what,
        'peak RSS Δ MB': grown.toFixed(0),
        '÷ package': `${(grown / packageMb).toFixed(2)}×`,
        'peak heap MB': report.memory.peakHeapMb.toFixed(0),
        seconds: (report.memory.ms / 1000).toFixed(1),
        'bytes intact': intact ? 'yes' : 'NO',
      });
    }
    s3.destroy();
    return {
      title: 'Axis receipt: a 49 MB package from the axis into the bucket, memory',
      rows,
      notes: [
        `Package ${packageMb.toFixed(1)} MiB (${pkg.size} bytes; one attachment of 37 MiB, random), its getEdoc answer ${(answer.size / MiB).toFixed(1)} MiB of JSON (plain base64), served from a temp file by a local HTTP server in 64 KiB reads.`,
        "Peak RSS Δ = the child's maximum RSS (getrusage) minus its RSS after start-up and a warm-up round with a small package (same code path), with --expose-gc and a collection before measuring. Peak heap = heapUsed sampled every 50 ms.",
        '"bytes intact": size and SHA-256 reported by the child equal the package\'s; for "stream" the object read back from the emulator hashes the same too.',
        "fauxqs refuses bodies over 11 MiB, so the single 49 MB PutObject of the two storeObject rows goes to a sink in the parent that reads and discards the request (the child's work is the same).",
      ],
    };
  } finally {
    await closeAll(servers);
    await emulators.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Answers every request 200 with an ETag once it has read (and dropped) the body: enough for PutObject. */
function sinkServer(): http.Server {
  return http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { etag: '"bench-sink"', 'content-length': 0 }).end());
  });
}

async function storedSha256(s3: S3Client): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `axis/inbox/${DOC_ID}.edxml` }));
  return streamSha256(object.Body as AsyncIterable<Uint8Array>);
}

/** Runs one way in a fresh Node process (this module in child mode) and reads its report. */
function child(mode: Mode, env: Record<string, string>): Promise<ChildReport> {
  return runChild(mode, ['--expose-gc', '--import', 'tsx', here], { ...process.env, ...env, AXIS_STREAM_BENCH_CHILD: mode }, CHILD_TIMEOUT_MS);
}

/** Child mode: one warm-up round with the small package, then the large one; prints the report as JSON. */
async function childMain(mode: Mode, axisUrl: string, s3Url: string): Promise<void> {
  const axis = new VdxpClient({ endpoint: axisUrl, signer: staticCredentialSigner({ systemId: 'bench', secret: 'bench' }), from: '000.00.00.H26' });
  const s3 = new S3Client({ region: 'us-east-1', endpoint: s3Url, forcePathStyle: true, credentials });
  const content = new S3FileContentStore(
    () => s3,
    () => BUCKET,
  );
  const receive = async (docId: string): Promise<{ size: number; sha256: string }> => {
    const key = `axis/inbox/${docId}.edxml`;
    if (mode === 'stream') return content.storeStream(key, await axis.openEdoc(docId), 'application/xml');
    const bytes = mode === 'collect' ? await axis.getEdoc(docId) : await getEdocBefore(axisUrl, docId);
    await content.storeObject(key, bytes, 'application/xml');
    return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  const { result: stored, memory } = await measureAfterWarmUp(
    () => receive(WARM_UP_DOC_ID),
    () => receive(DOC_ID),
  );
  s3.destroy();
  const report: ChildReport = { memory, ...stored };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/**
 * `getEdoc` as the client did it before streaming (transport.call + getEdoc of commit c927c6b): the answer
 * read whole, decoded as UTF-8, `JSON.parse`d, its data checked and decoded, then copied into a Uint8Array.
 */
async function getEdocBefore(axisUrl: string, docId: string): Promise<Uint8Array> {
  const response = await fetch(`${axisUrl}/getEdoc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', servicetype: 'eDoc', docid: docId, systemid: 'bench', secret: 'bench' },
  });
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no answer body');
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
    total += next.value.length;
  }
  const answer = JSON.parse(Buffer.concat(chunks, total).toString('utf8')) as { status: string; data: string };
  if (answer.status !== 'OK' || !/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(answer.data)) throw new Error('not a package answer');
  return new Uint8Array(Buffer.from(answer.data, 'base64'));
}

const childMode = process.env['AXIS_STREAM_BENCH_CHILD'];
const childAxis = process.env['AXIS_URL'];
const childS3 = process.env['S3_URL'];
if (childMode !== undefined && childAxis !== undefined && childS3 !== undefined && process.argv[1] === here) {
  await childMain(childMode as Mode, childAxis, childS3);
}
