/** Reading requests and writing VDXP answers for the simulator's HTTP server. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReceivedBody {
  /** The bytes, or undefined when there were more than the limit (they were read and dropped). */
  readonly bytes: Buffer | undefined;
  readonly size: number;
  readonly sha256Hex: string;
}

/**
 * Reads the whole request body, hashing it as it comes. Beyond `maxBytes` it keeps reading (so the client
 * finishes its upload and sees the answer) but keeps nothing, so memory stays bounded.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<ReceivedBody> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
    if (size <= maxBytes) chunks.push(chunk);
    else chunks.length = 0;
  }
  return { bytes: size <= maxBytes ? Buffer.concat(chunks, size) : undefined, size, sha256Hex: hash.digest('hex') };
}

/** Reads and discards the body, so that an early answer is not mistaken by the client for a broken upload. */
export async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req as AsyncIterable<Buffer>) void _;
}

/** Reads a small JSON body (the admin API). */
export async function readJson(req: IncomingMessage, maxBytes = 64 * 1024): Promise<unknown> {
  const body = await readBody(req, maxBytes);
  if (body.bytes === undefined) throw new SyntaxError(`more than ${maxBytes} bytes`);
  return body.size === 0 ? {} : JSON.parse(body.bytes.toString('utf8'));
}

export function sendJson(res: ServerResponse, httpStatus: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(httpStatus, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** `{status: "OK", ErrorCode: "0", ErrorDesc: "Success", ...fields}`. */
export function sendOk(res: ServerResponse, fields: Record<string, unknown> = {}): void {
  sendJson(res, 200, { status: 'OK', ErrorCode: '0', ErrorDesc: 'Success', ...fields });
}

export function sendFail(res: ServerResponse, httpStatus: number, errorCode: string, errorDesc: string): void {
  sendJson(res, httpStatus, { status: 'FAIL', ErrorCode: errorCode, ErrorDesc: errorDesc });
}

/** The `getEdoc` answer, written in pieces so a large package is not also held as one big JSON string. */
export async function sendPackage(res: ServerResponse, bytes: Buffer): Promise<void> {
  const head = '{"status":"OK","ErrorCode":"0","ErrorDesc":"Success","data":"';
  const tail = '"}';
  const encodedLength = 4 * Math.ceil(bytes.length / 3);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': head.length + encodedLength + tail.length });
  res.write(head);
  // Slices of a multiple of 3 bytes encode without padding in the middle.
  const slice = 3 * 1024 * 1024;
  for (let at = 0; at < bytes.length; at += slice) {
    if (res.destroyed) return;
    if (!res.write(bytes.subarray(at, at + slice).toString('base64'))) await drained(res);
  }
  res.end(tail);
}

/** Resolves when the response can take more, or is closed (then the loop above stops). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The value of a header as one string (Node joins repeated ones into an array for some names). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
