/**
 * One VDXP call over HTTP: headers and signature, a timeout covering the whole exchange (upload, answer,
 * body), a bounded read of the answer, and the mapping of every failure to `AxisRejectedError` (do not
 * retry) or `AxisUnavailableError` (retry). Bodies are never logged, in either direction.
 */
import type { AxisRequestSigner } from '#domain/axis/port';
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
  readonly timeoutMs: number;
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
    const url = `${this.base}/${operation}`;
    const contentType = call.body === undefined ? 'application/json' : 'application/octet-stream';
    const headers = { ...call.headers, 'content-type': contentType };
    const signed = await this.options.signer.sign({ method: call.method, url, headers, bodyHash: call.body?.sha256Hex ?? EMPTY_BODY_SHA256 });
    const signal = AbortSignal.timeout(this.options.timeoutMs);
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

    let text: string;
    try {
      text = await readText(response, this.options.maxAnswerBytes);
    } catch (error) {
      if (error instanceof AnswerTooLarge) {
        throw new AxisRejectedError('ANSWER_TOO_LARGE', `the answer exceeds ${this.options.maxAnswerBytes} bytes`, { operation, httpStatus: response.status });
      }
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

  /** Warns about a list row that could not be read (its position and the issues, not its content). */
  warnRow(operation: VdxpOperation, index: number, issues: readonly { path: readonly PropertyKey[]; message: string }[]): void {
    this.options.logger?.warn('axis list row skipped', { operation, index, issues: issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) });
  }

  private unreachable(operation: VdxpOperation, signal: AbortSignal, error: unknown): AxisUnavailableError {
    if (signal.aborted) {
      return new AxisUnavailableError('timeout', `${operation} got no answer within ${this.options.timeoutMs} ms`, { operation, cause: error });
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

class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge';
}

function requestBody(content: Uint8Array | AsyncIterable<Uint8Array>): Pick<RequestInit, 'body' | 'duplex'> {
  // A stream body needs `duplex: 'half'` in Node's fetch: the upload and the answer do not overlap.
  return content instanceof Uint8Array ? { body: content } : { body: toRequestBody(content), duplex: 'half' };
}

/** Reads the answer as UTF-8, refusing more than `maxBytes` (announced or actual). */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel();
    throw new AnswerTooLarge(`announced ${announced} bytes`);
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AnswerTooLarge(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
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
