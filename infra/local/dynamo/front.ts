/**
 * The HTTP front before dynalite. `X-Amz-Target` decides: TransactWriteItems and TransactGetItems are
 * answered here under the exclusive lock; every other request holds the lock shared and is handed, as it
 * arrived (headers and body untouched), to dynalite's own request handler in this process.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { crc32 } from 'node:zlib';
import { DynamoAnswerError, idempotentParameterMismatchError, internalServerError, successAnswer, type DynamoAnswer } from './answers.ts';
import type { ConflictSwitch } from './conflicts.ts';
import { DynaliteClient } from './dynalite-client.ts';
import { IdempotencyWindow, requestFingerprint } from './idempotency-window.ts';
import { ReadWriteLock } from './read-write-lock.ts';
import { TableKeys } from './table-keys.ts';
import { parseTransactRequest, transactGetRequest, transactWriteRequest } from './transact-requests.ts';
import { transactGet } from './transact-get.ts';
import { transactWrite } from './transact-write.ts';

/**
 * Builds the front for `store`, the server dynalite returned (which must be listening, so that closing it
 * closes its database); the caller makes the front listen. `conflicts`, when given, cancels the
 * TransactWriteItems it picks with TransactionConflict (./conflicts.ts).
 */
export function createTransactionFront(store: http.Server, conflicts?: ConflictSwitch): http.Server {
  const dynalite = new DynaliteClient(store);
  const tableKeys = new TableKeys(dynalite);
  const transactionStore = { dynalite, tableKeys, ...(conflicts === undefined ? {} : { conflicts }) };
  const tokens = new IdempotencyWindow();
  const lock = new ReadWriteLock();

  async function answerTransaction(operation: TransactOperation, body: string): Promise<DynamoAnswer> {
    if (operation === 'TransactGetItems') {
      return successAnswer(await transactGet(parseTransactRequest(body, transactGetRequest), dynalite));
    }
    const request = parseTransactRequest(body, transactWriteRequest);
    const token = request.ClientRequestToken;
    if (token === undefined) {
      await transactWrite(request, transactionStore);
      return successAnswer({});
    }
    const fingerprint = requestFingerprint(request);
    const seen = tokens.lookup(token, fingerprint);
    if (seen.kind === 'repeat') return { status: 200, body: seen.body };
    if (seen.kind === 'mismatch') throw idempotentParameterMismatchError();
    await transactWrite(request, transactionStore);
    const answer = successAnswer({});
    tokens.remember(token, fingerprint, answer.body);
    return answer;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const operation = operationOf(req.headers['x-amz-target']);
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const body = await readBody(req);
      send(res, await lock.exclusive(() => answerTransaction(operation, body)).catch(answerForError));
      return;
    }
    await lock.shared(async () => {
      await handOver(req, res, store);
      // A table's key schema may have changed: forget it before any transaction can run again.
      if (tableDefinitionOperations.has(operation)) tableKeys.forget();
    });
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy(error instanceof Error ? error : new Error(String(error)));
      else send(res, answerForError(error));
    });
  });
}

type TransactOperation = 'TransactWriteItems' | 'TransactGetItems';

const tableDefinitionOperations = new Set(['CreateTable', 'UpdateTable', 'DeleteTable']);
/** dynalite's own ceiling on a request body. */
const maxBodyBytes = 16 * 1024 * 1024;

/** `DynamoDB_20120810.PutItem` -> `PutItem`. */
function operationOf(target: string | string[] | undefined): string {
  return typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
}

/**
 * Lets dynalite's handler serve the request itself; settles once the response is finished or the
 * client has gone. Handing over the same request and response objects costs nothing, where proxying
 * over loopback HTTP added about 40 % CPU to every request.
 */
function handOver(req: http.IncomingMessage, res: http.ServerResponse, store: http.Server): Promise<void> {
  return new Promise((resolve) => {
    res.once('close', resolve);
    store.emit('request', req, res);
    // dynalite rethrows request stream errors, which would take the whole process down when a client
    // hangs up mid-request; the connection is gone and 'close' above still releases the lock.
    req.removeAllListeners('error');
    req.on('error', () => res.destroy());
  });
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
