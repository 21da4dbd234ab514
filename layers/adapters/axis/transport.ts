/**
 * One VDXP call over HTTP: headers and signature, timeouts, a bounded read of the answer, and the mapping
 * of every failure to `AxisRejectedError` (do not retry) or `AxisUnavailableError` (retry). Bodies are
 * never logged, in either direction.
 *
 * Two ways to take the answer, sharing the request, signature and error mapping (`send`):
 * - `call` reads a small JSON answer whole; one timeout covers the whole exchange (upload, answer, body);
 * - `open` hands over the answer's bytes as they arrive (a package of 100 MB is about 134 MiB of base64).
 *   One timeout over the whole transfer would have to be either too short for a large package or too long
 *   to notice a dead connection, so a streamed answer has two: `timeoutMs` for each wait on the axis (the
 *   answer's head, then every next chunk: a stalled axis is noticed as fast as with `call`), and
 *   `streamTimeoutMs` from the request to the last byte (a trickle cannot hold the consumer forever). Time
 *   the consumer spends between chunks (writing to S3) counts toward the second only.
 */
import type { AxisRequestSigner } from '#domain/axis/port';
import { AnswerTooLarge, readBoundedAnswer } from '../bounded-answer.ts';
import { isVdxpSuccess, vdxpEnvelopeSchema } from '#domain/axis/answers';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';
import { EMPTY_BODY_SHA256, type VdxpOperation } from './protocol.ts';
import { toRequestBody } from './request-body.ts';

/** What the transport logs: one debug line per call, a warning per unreadable list row. */
export interface AxisLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface TransportOptions {
  readonly endpoint: string;
  readonly signer: AxisRequestSigner;
  /** `call`: the whole exchange. `open`: each wait on the axis (the answer's head, each next chunk). */
  readonly timeoutMs: number;
  /** `open`: from the request to the answer's last byte. */
  readonly streamTimeoutMs: number;
  readonly maxAnswerBytes: number;
  readonly fetch: typeof globalThis.fetch;
  readonly logger?: AxisLogger;
}

export interface VdxpCall {
  readonly operation: VdxpOperation;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: { readonly content: Uint8Array | AsyncIterable<Uint8Array>; readonly sha256Hex: string };
  /** Fields for the log line (a docId, a message type), never content. */
  readonly logFields?: Readonly<Record<string, string>>;
}

/** A successful (2xx) answer whose body is read as it arrives. */
export interface VdxpAnswerStream {
  readonly httpStatus: number;
  /**
   * The answer's bytes, read once. Failures while reading are already mapped (`timeout`, `network`,
   * `ANSWER_TOO_LARGE`). Read it to the end or stop early (`break`, `return()`): either releases the
   * connection; an answer left unread holds it until `streamTimeoutMs`.
   */
  readonly body: AsyncIterable<Uint8Array>;
}

/** Error bodies are read only this far: enough for `{status, ErrorCode, ErrorDesc}`. */
const ERROR_BODY_BYTES = 64 * 1024;

export class VdxpTransport {
  private readonly base: string;

  constructor(private readonly options: TransportOptions) {
    this.base = new URL(options.endpoint).toString().replace(/\/+$/, '');
  }

  /** Performs the call; resolves the answer object once its `status` says OK. */
  async call(call: VdxpCall): Promise<Record<string, unknown>> {
    const { operation } = call;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const response = await this.send(call, signal);
    let text: string;
    try {
      text = await readText(response, this.options.maxAnswerBytes);
    } catch (error) {
      if (error instanceof AnswerTooLarge) throw this.tooLarge(operation, response.status);
      throw this.unreachable(operation, signal, error);
    }
    const answer = parseJsonObject(text);
    const envelope = answer === undefined ? undefined : vdxpEnvelopeSchema.safeParse(answer);
    if (answer === undefined || envelope === undefined || !envelope.success) {
      throw new AxisUnavailableError('malformed-answer', `${operation} answered something that is not a VDXP answer`, { operation, httpStatus: response.status });
    }
    if (!isVdxpSuccess(envelope.data)) {
      throw new AxisRejectedError(envelope.data.ErrorCode ?? envelope.data.status, envelope.data.ErrorDesc ?? '', { operation, httpStatus: response.status });
    }
    return answer;
  }

  /**
   * Performs the call and resolves as soon as a 2xx answer's head is in; its body is read by the caller.
   * What the body says (VDXP `status`) is the caller's to check.
   */
  async open(call: VdxpCall): Promise<VdxpAnswerStream> {
    const { operation } = call;
    const deadline = new StreamDeadline(this.options.timeoutMs, this.options.streamTimeoutMs);
    let response: Response;
    deadline.waiting();
    try {
      response = await this.send(call, deadline.signal);
    } catch (error) {
      deadline.close();
      throw error;
    }
    deadline.arrived();
    const announced = Number(response.headers.get('content-length') ?? Number.NaN);
    if (announced > this.options.maxAnswerBytes) {
      deadline.close();
      await response.body?.cancel().catch(() => undefined);
      throw this.tooLarge(operation, response.status);
    }
    return { httpStatus: response.status, body: this.stream(operation, response, deadline) };
  }

  /** Warns about a list row that could not be read (its position and the issues, not its content). */
  warnRow(operation: VdxpOperation, index: number, issues: readonly { path: readonly PropertyKey[]; message: string }[]): void {
    this.options.logger?.warn('axis list row skipped', { operation, index, issues: issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) });
  }

  /** Signs and sends the request; resolves a 2xx answer, maps everything else to the typed errors. */
  private async send(call: VdxpCall, signal: AbortSignal): Promise<Response> {
    const { operation } = call;
    const url = `${this.base}/${operation}`;
    const contentType = call.body === undefined ? 'application/json' : 'application/octet-stream';
    const headers = { ...call.headers, 'content-type': contentType };
    const signed = await this.options.signer.sign({ method: call.method, url, headers, bodyHash: call.body?.sha256Hex ?? EMPTY_BODY_SHA256 });
    const started = performance.now();
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method: call.method,
        headers: { ...headers, ...signed },
        signal,
        ...(call.body === undefined ? {} : requestBody(call.body.content)),
      });
    } catch (error) {
      throw this.unreachable(operation, signal, error);
    }
    this.options.logger?.debug('axis call answered', { operation, httpStatus: response.status, ms: Math.round(performance.now() - started), ...call.logFields });
    if (!response.ok) throw await this.statusError(operation, response, signal);
    return response;
  }

  /** The body of an answer, chunk by chunk, under the stream's deadline and the size limit. */
  private async *stream(operation: VdxpOperation, response: Response, deadline: StreamDeadline): AsyncGenerator<Uint8Array> {
    const reader = response.body?.getReader();
    if (reader === undefined) return deadline.close();
    // A fetch that does not end its body on abort (a test double, another implementation) would leave a
    // read pending forever: cancelling the reader settles it, and the check after the read reports why.
    const cancel = () => void reader.cancel().catch(() => undefined);
    deadline.signal.addEventListener('abort', cancel, { once: true });
    let finished = false;
    let total = 0;
    try {
      for (;;) {
        deadline.waiting();
        const next = await reader
          .read()
          .catch((error: unknown) => {
            throw this.unreachable(operation, deadline.signal, error);
          })
          .finally(() => deadline.arrived());
        if (deadline.signal.aborted) throw this.unreachable(operation, deadline.signal, deadline.signal.reason);
        if (next.done) {
          finished = true;
          return;
        }
        total += next.value.length;
        if (total > this.options.maxAnswerBytes) throw this.tooLarge(operation, response.status);
        yield next.value;
      }
    } finally {
      deadline.signal.removeEventListener('abort', cancel);
      deadline.close();
      // Stopped early (by the consumer or a failure): the rest of the answer is not wanted.
      if (!finished) await reader.cancel().catch(() => undefined);
    }
  }

  private tooLarge(operation: VdxpOperation, httpStatus: number): AxisRejectedError {
    return new AxisRejectedError('ANSWER_TOO_LARGE', `the answer exceeds ${this.options.maxAnswerBytes} bytes`, { operation, httpStatus });
  }

  private unreachable(operation: VdxpOperation, signal: AbortSignal, error: unknown): AxisUnavailableError {
    if (signal.aborted) {
      const detail = signal.reason instanceof StreamTimeout ? signal.reason.message : `got no answer within ${this.options.timeoutMs} ms`;
      return new AxisUnavailableError('timeout', `${operation} ${detail}`, { operation, cause: error });
    }
    return new AxisUnavailableError('network', `${operation} could not reach the axis`, { operation, cause: error });
  }

  private async statusError(operation: VdxpOperation, response: Response, signal: AbortSignal): Promise<Error> {
    const httpStatus = response.status;
    const retryable = httpStatus >= 500 || httpStatus === 408 || httpStatus === 429;
    const details = await readText(response, ERROR_BODY_BYTES).then(
      (text) => vdxpEnvelopeSchema.safeParse(parseJsonObject(text)),
      // An error body that cannot be read adds nothing: the status alone decides.
      () => undefined,
    );
    const code = details?.success === true ? details.data.ErrorCode : undefined;
    const desc = details?.success === true ? details.data.ErrorDesc : undefined;
    if (retryable) {
      const message = `${operation} answered HTTP ${httpStatus}${desc === undefined ? '' : `: ${desc}`}`;
      return new AxisUnavailableError(signal.aborted ? 'timeout' : 'http-status', message, { operation, httpStatus });
    }
    return new AxisRejectedError(code ?? `HTTP_${httpStatus}`, desc ?? response.statusText, { operation, httpStatus });
  }
}

/** Why a streamed answer was aborted: the message completes "`operation` …". */
class StreamTimeout extends Error {
  override readonly name = 'StreamTimeout';
}

/**
 * The two clocks of a streamed answer: `idleMs` while waiting on the axis (armed by `waiting`, stopped by
 * `arrived`), `totalMs` from creation to `close`. Either one aborts `signal`. The timers do not keep the
 * process alive on their own.
 */
class StreamDeadline {
  private readonly controller = new AbortController();
  private readonly total: NodeJS.Timeout;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleMs: number,
    totalMs: number,
  ) {
    this.total = setTimeout(() => this.controller.abort(new StreamTimeout(`did not finish its answer within ${totalMs} ms`)), totalMs).unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  waiting(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.controller.abort(new StreamTimeout(`sent nothing for ${this.idleMs} ms`)), this.idleMs).unref();
  }

  arrived(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
  }

  close(): void {
    this.arrived();
    clearTimeout(this.total);
  }
}

function requestBody(content: Uint8Array | AsyncIterable<Uint8Array>): Pick<RequestInit, 'body' | 'duplex'> {
  // A stream body needs `duplex: 'half'` in Node's fetch: the upload and the answer do not overlap.
  return content instanceof Uint8Array ? { body: content } : { body: toRequestBody(content), duplex: 'half' };
}

/** Reads the answer as UTF-8, refusing more than `maxBytes` (announced or actual). */
async function readText(response: Response, maxBytes: number): Promise<string> {
  return Buffer.from(await readBoundedAnswer(response, maxBytes)).toString('utf8');
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, a truncated answer): the caller reports a malformed answer.
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
