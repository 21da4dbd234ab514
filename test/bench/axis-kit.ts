/**
 * What the axis benches share (axis-stream.bench.ts, axis-receive.bench.ts): a large edXML package written
 * to a temp file, its `getEdoc` answer, a local VDXP server that streams that answer from the file (never
 * whole in memory), and the child process each way of receiving runs in, alone, so its memory can be
 * measured. Not a bench module itself (run.ts loads only `*.bench.ts`).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildEdoc } from '#edxml/index';

export const MiB = 1024 * 1024;

/** The sending agency of the bench packages (a ministry of the SAMPLE peer system) and their addressee, the city. */
export const BENCH_SENDER = '000.00.00.G22';
export const BENCH_ADDRESSEE = '000.00.00.H26';

export interface PackageFile {
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
  /** The one attachment's payload, as the builder hashed it. */
  readonly attachment: { readonly size: number; readonly sha256: string };
}

export interface PackageOptions {
  /** Bytes of the one attachment (random). */
  readonly attachmentBytes: number;
  /** Number of the document (its DocumentId and notation): packages that must register apart need different ones. */
  readonly codeNumber?: string;
  /**
   * Frame the random bytes as a PDF (`%PDF-1.7` … `%%EOF`, no objects), so the receiver's PDF verifier
   * reads it; the same number of bytes in all.
   */
  readonly pdfFrame?: boolean;
}

/** A package of about `attachmentBytes` × 4/3 bytes, From {@link BENCH_SENDER} To {@link BENCH_ADDRESSEE}, built by the edXML builder to a file. */
export async function writePackage(file: string, options: PackageOptions): Promise<PackageFile> {
  const payload = options.pdfFrame === true ? pdfFramed(options.attachmentBytes) : randomBytes(options.attachmentBytes);
  const codeNumber = options.codeNumber ?? '15';
  let attachment: PackageFile['attachment'] | undefined;
  await pipeline(
    Readable.from(
      buildEdoc(
        {
          from: { organId: BENCH_SENDER, organName: 'Văn phòng Chính phủ (mẫu)' },
          to: [{ organId: BENCH_ADDRESSEE, organName: 'UBND thành phố Hà Nội (mẫu)' }],
          documentId: `${BENCH_SENDER},2026/01/05,${codeNumber}/QĐ-VPCP`,
          code: { codeNumber, codeNotation: 'QĐ-VPCP' },
          promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-01-05' },
          subject: 'V/v gói tin mẫu để đo bộ nhớ khi nhận',
          attachments: [{ contentId: 'cid:1', attachmentName: 'van-ban.pdf', contentType: 'application/pdf', payload }],
        },
        { onAttachment: ({ size, sha256 }) => (attachment = { size, sha256 }) },
      ),
    ),
    createWriteStream(file),
  );
  if (attachment === undefined) throw new Error('the builder reported no attachment');
  return { file, size: (await stat(file)).size, sha256: await fileSha256(file), attachment };
}

function pdfFramed(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, randomBytes(bytes - head.length - tail.length), tail]);
}

export async function fileSha256(file: string): Promise<string> {
  return streamSha256(createReadStream(file));
}

export async function streamSha256(body: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk);
  return hash.digest('hex');
}

export interface AnswerFile {
  readonly file: string;
  readonly size: number;
}

/** The getEdoc answer for a package file, written a slice at a time (slices of 3 bytes × n encode without padding). */
export async function writeAnswer(packageFile: string, file: string): Promise<AnswerFile> {
  async function* answer(): AsyncGenerator<string> {
    yield '{"status":"OK","ErrorCode":"0","ErrorDesc":"Success","data":"';
    let carry = Buffer.alloc(0);
    for await (const chunk of createReadStream(packageFile, { highWaterMark: 3 * MiB })) {
      const joined = Buffer.concat([carry, chunk as Buffer]);
      const usable = joined.length - (joined.length % 3);
      yield joined.subarray(0, usable).toString('base64');
      carry = joined.subarray(usable);
    }
    yield `${carry.toString('base64')}"}`;
  }
  await pipeline(Readable.from(answer()), createWriteStream(file));
  return { file, size: (await stat(file)).size };
}

/** A package the local axis holds for the bench system: its answer file and the agency the listing names as sender. */
export interface ListedPackage extends AnswerFile {
  readonly from: string;
}

/**
 * A VDXP server for a few packages, the operations the receiver uses, parameters in headers as the
 * client sends them (layers/adapters/axis/protocol.ts):
 * - `getEdoc` (`docid`): the package's JSON answer streamed from its file in 64 KiB reads;
 * - `getReceivedEdocList`: every package not acknowledged yet, with its `from`;
 * - `updateStatus` (`docid`, `status`): recorded in `acknowledged`.
 * Credentials are not checked: the client is the only caller.
 */
export function axisServer(packages: Readonly<Record<string, AnswerFile | ListedPackage>>, acknowledged: Map<string, string> = new Map()): http.Server {
  const ok = (res: http.ServerResponse, fields: Record<string, unknown> = {}) => {
    const text = JSON.stringify({ status: 'OK', ErrorCode: '0', ErrorDesc: 'Success', ...fields });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
  };
  return http.createServer((req, res) => {
    req.resume();
    const docId = req.headers['docid'];
    const operation = new URL(req.url ?? '/', 'http://axis').pathname.split('/').pop();
    const answer = typeof docId === 'string' ? packages[docId] : undefined;
    if (operation === 'getReceivedEdocList') {
      const rows = Object.entries(packages)
        .filter(([id, p]) => 'from' in p && !acknowledged.has(id))
        .map(([id, p]) => ({ docId: id, from: (p as ListedPackage).from, messageType: 'edoc' }));
      ok(res, { data: req.headers['messagetype'] === 'status' ? [] : rows });
      return;
    }
    if (operation === 'updateStatus' && typeof docId === 'string' && answer !== undefined) {
      acknowledged.set(docId, String(req.headers['status']));
      ok(res);
      return;
    }
    if (operation !== 'getEdoc' || answer === undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"FAIL","ErrorCode":"NOT_FOUND","ErrorDesc":"no such package"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.size });
    createReadStream(answer.file, { highWaterMark: 64 * 1024 }).pipe(res);
  });
}

export async function listen(servers: http.Server[], server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeAll(servers: readonly http.Server[]): Promise<void> {
  await Promise.all(
    servers.map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
}

/** A child that did not end with exit code 0 (a heap limit reached, a failure, the time limit). */
export class ChildFailure extends Error {
  override readonly name = 'ChildFailure';
  constructor(
    readonly label: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    /** The end of what it wrote on stderr. */
    readonly stderr: string,
    /** The `bench: <phase>` lines it wrote on stderr before it ended. */
    readonly phases: readonly string[],
    timedOutAfterMs: number | undefined,
  ) {
    super(
      `${label}: ${timedOutAfterMs !== undefined ? `over ${timedOutAfterMs / 1000} s` : signal !== null ? `killed by ${signal}` : `exit ${code}`}: ${stderr.trim().split('\n').slice(-4).join(' ').slice(-600)}`,
    );
  }

  /** V8 gave up: its heap limit was reached. */
  get heapExhausted(): boolean {
    return /Reached heap limit|JavaScript heap out of memory/i.test(this.stderr);
  }
}

/** Tells the parent (runChild) that the child reached a phase: a `bench: <phase>` line on stderr. */
export function reportPhase(phase: string): void {
  process.stderr.write(`bench: ${phase}\n`);
}

/**
 * Runs `node ...args` with exactly `env` and resolves the last line it printed on stdout, parsed as JSON
 * (the child's report; anything it logged before is ignored).
 */
export function runChild<T>(label: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastLine = '';
    let partial = '';
    let err = '';
    const phases: string[] = [];
    proc.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      const complete = lines.filter((l) => l.trim() !== '');
      if (complete.length > 0) lastLine = complete[complete.length - 1] ?? lastLine;
    });
    proc.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-16_384);
      for (const match of d.toString().matchAll(/^bench: (.+)$/gm)) if (match[1] !== undefined) phases.push(match[1]);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, timeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      if (partial.trim() !== '') lastLine = partial;
      if (code === 0 && !timedOut) {
        try {
          resolve(JSON.parse(lastLine) as T);
        } catch {
          reject(new ChildFailure(label, code, signal, `no report on stdout (last line: ${lastLine.slice(0, 200)})`, phases, undefined));
        }
      } else reject(new ChildFailure(label, code, signal, err, phases, timedOut ? timeoutMs : undefined));
    });
  });
}
