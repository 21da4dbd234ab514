/**
 * The HTTP front before dynalite. `X-Amz-Target` decides: TransactWriteItems and TransactGetItems are
 * answered here under the exclusive lock; every other request holds the lock shared and is streamed to
 * dynalite and back unchanged (headers included; dynalite does not check signatures).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { DynamoAnswerError, idempotentParameterMismatchError, internalServerError, successAnswer, type DynamoAnswer } from './answers.ts';
import { DynaliteClient } from './dynalite-client.ts';
import { IdempotencyWindow, requestFingerprint } from './idempotency-window.ts';
import { ReadWriteLock } from './read-write-lock.ts';
import { TableKeys } from './table-keys.ts';
import { parseTransactRequest, transactGetRequest, transactWriteRequest } from './transact-requests.ts';
import { transactGet } from './transact-get.ts';
import { transactWrite } from './transact-write.ts';

export interface TransactionFront {
  readonly server: http.Server;
  /** Drops the sockets kept alive towards dynalite; call after the server has stopped. */
  readonly release: () => void;
}

/** Builds the front for the dynalite listening at `upstream`; the caller makes it listen. */
export function createTransactionFront(upstream: URL): TransactionFront {
  const dynalite = new DynaliteClient(upstream);
  const tableKeys = new TableKeys(dynalite);
  const tokens = new IdempotencyWindow();
  const lock = new ReadWriteLock();

  async function answerTransaction(operation: TransactOperation, body: string): Promise<DynamoAnswer> {
    if (operation === 'TransactGetItems') {
      return successAnswer(await transactGet(parseTransactRequest(body, transactGetRequest), dynalite));
    }
    const request = parseTransactRequest(body, transactWriteRequest);
    const token = request.ClientRequestToken;
    if (token === undefined) {
      await transactWrite(request, { dynalite, tableKeys });
      return successAnswer({});
    }
    const fingerprint = requestFingerprint(request);
    const seen = tokens.lookup(token, fingerprint);
    if (seen.kind === 'repeat') return { status: 200, body: seen.body };
    if (seen.kind === 'mismatch') throw idempotentParameterMismatchError();
    await transactWrite(request, { dynalite, tableKeys });
    const answer = successAnswer({});
    tokens.remember(token, fingerprint, answer.body);
    return answer;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const operation = operationOf(req.headers['x-amz-target']);
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const body = await readBody(req);
      const answer = await lock.exclusive(() => answerTransaction(operation, body)).catch(answerForError);
      send(res, answer);
      return;
    }
    await lock.shared(async () => {
      await forward(req, res, dynalite);
      // A table's key schema may have changed: forget it before any transaction can run again.
      if (tableDefinitionOperations.has(operation)) tableKeys.forget();
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy(error instanceof Error ? error : new Error(String(error)));
      else send(res, answerForError(error));
    });
  });
  return { server, release: () => dynalite.close() };
}

type TransactOperation = 'TransactWriteItems' | 'TransactGetItems';

const tableDefinitionOperations = new Set(['CreateTable', 'UpdateTable', 'DeleteTable']);
/** Headers that describe one connection, not the message: each hop sets its own. */
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);
/** dynalite's own ceiling on a request body. */
const maxBodyBytes = 16 * 1024 * 1024;

/** `DynamoDB_20120810.PutItem` -> `PutItem`. */
function operationOf(target: string | string[] | undefined): string {
  return typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
}

function answerForError(error: unknown): DynamoAnswer {
  return error instanceof DynamoAnswerError ? error.answer : internalServerError(error).answer;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw new DynamoAnswerError({ status: 413, body: '' });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: http.ServerResponse, answer: DynamoAnswer): void {
  res.writeHead(answer.status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(answer.body),
    'x-amzn-requestid': randomBytes(39).toString('base64url').toUpperCase(),
    'x-amz-crc32': String(crc32(answer.body)),
  });
  res.end(answer.body);
}

/** Streams the request to dynalite and its answer back, both ways byte for byte; settles when the answer is sent. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, dynalite: DynaliteClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstreamRequest = http.request(
      {
        host: dynalite.upstream.hostname,
        port: dynalite.upstream.port,
        method: req.method,
        path: req.url,
        headers: withoutHopByHop(req.rawHeaders),
        agent: dynalite.agent,
      },
      (upstreamResponse) => {
        res.writeHead(upstreamResponse.statusCode ?? 502, withoutHopByHop(upstreamResponse.rawHeaders));
        pipeline(upstreamResponse, res).then(resolve, reject);
      },
    );
    upstreamRequest.on('error', reject);
    pipeline(req, upstreamRequest).catch(reject);
  });
}

/** Raw headers (`[name, value, name, value, ...]`) without the hop-by-hop ones. */
function withoutHopByHop(rawHeaders: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const value = rawHeaders[i + 1];
    if (name !== undefined && value !== undefined && !hopByHop.has(name.toLowerCase())) kept.push(name, value);
  }
  return kept;
}
