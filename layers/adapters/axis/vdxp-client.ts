/**
 * The VDXP HTTP client: the `AxisPort` over the national axis's HTTP interface (DOMAIN.md §6). The same
 * code talks to the real axis and to the local simulator (infra/local/axis-simulator). Configuration
 * (`AXIS_ENDPOINT`, `AXIS_SYSTEM_ID`, the secret from Secrets Manager by `AXIS_SECRET_ID`) is read by the composition root and passed in.
 */
import type { z } from 'zod';
import {
  agencyRowSchema,
  countAnswerSchema,
  listAnswerSchema,
  receivedRowSchema,
  sendEdocAnswerSchema,
  sentRowSchema,
  type AxisAgencyRow,
  type ReceivedItem,
  type SentItem,
} from '#domain/axis/answers';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';
import { axisMessageTypes, type AxisAcknowledgement, type AxisMessageType, type AxisPort, type AxisRequestSigner, type SendEdocRequest } from '#domain/axis/port';
import { readEdocAnswer } from './edoc-answer-stream.ts';
import { HEADER_TOKEN, VDXP_SERVICE_TYPE, vdxpHeaders, type VdxpOperation } from './protocol.ts';
import { staticCredentialSigner, type StaticCredentialOptions } from './signer.ts';
import { VdxpTransport, type AxisLogger } from './transport.ts';

export type { AxisLogger } from './transport.ts';

export interface VdxpClientOptions {
  /** Base URL; each operation is `POST {endpoint}/{operation}`. */
  readonly endpoint: string;
  readonly signer: AxisRequestSigner;
  /** The agency code sent as `from` when a request names none (the system's own agency). */
  readonly from?: string;
  /**
   * Per call, covering upload, answer and body; default 30 s. For a package read as it arrives
   * (`openEdoc`, `getEdoc`) it bounds each wait on the axis instead: the answer's head, then every chunk.
   */
  readonly timeoutMs?: number;
  /**
   * A package read as it arrives must be complete within this time from the request; default 10 min,
   * so a 100 MiB package (134 MiB of base64) passes at 230 KB/s.
   */
  readonly streamTimeoutMs?: number;
  /** Largest answer read; default 160 MiB (a 100 MiB package is about 134 MiB in base64). */
  readonly maxAnswerBytes?: number;
  /** Defaults to the global fetch (Node 20); tests pass a fake. */
  readonly fetch?: typeof globalThis.fetch;
  readonly logger?: AxisLogger;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_STREAM_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_ANSWER_BYTES = 160 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * @example
 * const axis = new VdxpClient({
 *   endpoint: required('AXIS_ENDPOINT'),
 *   signer: staticCredentialSigner({ systemId: required('AXIS_SYSTEM_ID'), secret: () => axisSecret(required(env.axisSecretId)) }),
 *   from: '000.00.00.H26',
 * });
 * const { docId } = await axis.sendEdoc({ body: packageBytes, sha256Hex, messageType: 'edoc' });
 * for (const item of await axis.listReceived()) await inbox.enqueue(item.docId);
 * const stored = await content.storeStream(key, await axis.openEdoc(item.docId), 'application/xml');
 */
export class VdxpClient implements AxisPort {
  private readonly transport: VdxpTransport;
  private readonly defaultFrom: string | undefined;

  constructor(options: VdxpClientOptions) {
    this.transport = new VdxpTransport({
      endpoint: options.endpoint,
      signer: options.signer,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      streamTimeoutMs: options.streamTimeoutMs ?? DEFAULT_STREAM_TIMEOUT_MS,
      maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
      fetch: options.fetch ?? globalThis.fetch,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    this.defaultFrom = options.from;
  }

  async sendEdoc(request: SendEdocRequest): Promise<{ readonly docId: string }> {
    const operation = 'sendEdoc';
    const from = request.from ?? this.defaultFrom;
    if (from === undefined) throw invalid(operation, 'no sending agency: pass `from` or configure the client with one');
    checkToken(operation, 'from', from);
    for (const code of request.to ?? []) checkToken(operation, 'to', code);
    if (!SHA256_HEX.test(request.sha256Hex)) throw invalid(operation, 'sha256Hex is not 64 hex digits');
    checkMessageType(operation, request.messageType);
    const headers: Record<string, string> = {
      [vdxpHeaders.from]: from,
      [vdxpHeaders.serviceType]: VDXP_SERVICE_TYPE,
      [vdxpHeaders.messageType]: request.messageType,
      [vdxpHeaders.hashFile]: request.sha256Hex.toLowerCase(),
    };
    if (request.to !== undefined && request.to.length > 0) headers[vdxpHeaders.to] = JSON.stringify(request.to);
    const answer = await this.transport.call({
      operation,
      method: 'POST',
      headers,
      body: { content: request.body, sha256Hex: request.sha256Hex.toLowerCase() },
      logFields: { messageType: request.messageType },
    });
    return { docId: readAnswer(operation, sendEdocAnswerSchema, answer).DocId };
  }

  async listReceived(options: { readonly messageType?: AxisMessageType } = {}): Promise<ReceivedItem[]> {
    // The SDK always names the message type; listing "both" is two calls, edoc first.
    const types = options.messageType === undefined ? axisMessageTypes : [options.messageType];
    const items: ReceivedItem[] = [];
    for (const messageType of types) items.push(...(await this.list('getReceivedEdocList', messageType, receivedRowSchema)));
    return items;
  }

  /**
   * Streams the package out of the `getEdoc` answer as the axis sends it (edoc-answer-stream.ts). Resolves
   * once the first bytes are decoded, so an answer that refuses before its data (`status` FAIL first, an
   * unknown docId) rejects here, before the caller writes anything.
   */
  async openEdoc(docId: string): Promise<AsyncIterable<Uint8Array>> {
    const operation = 'getEdoc';
    checkToken(operation, 'docId', docId);
    const answer = await this.transport.open({ operation, method: 'POST', headers: this.docHeaders(docId), logFields: { docId } });
    return primed(readEdocAnswer(answer.body, { operation, httpStatus: answer.httpStatus }));
  }

  /** The whole package in memory: for small packages and tests; the receiver streams with `openEdoc`. */
  async getEdoc(docId: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of await this.openEdoc(docId)) {
      chunks.push(chunk);
      size += chunk.length;
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  async updateStatus(docId: string, status: AxisAcknowledgement): Promise<void> {
    const operation = 'updateStatus';
    checkToken(operation, 'docId', docId);
    if (status !== 'done' && status !== 'fail') throw invalid(operation, `status must be done or fail, not ${String(status)}`);
    await this.transport.call({ operation, method: 'POST', headers: { ...this.docHeaders(docId), [vdxpHeaders.status]: status }, logFields: { docId, status } });
  }

  async listSent(options: { readonly messageType?: AxisMessageType } = {}): Promise<SentItem[]> {
    const types = options.messageType === undefined ? axisMessageTypes : [options.messageType];
    const items: SentItem[] = [];
    for (const messageType of types) items.push(...(await this.list('getSentEdocList', messageType, sentRowSchema)));
    return items;
  }

  async getAgencies(): Promise<AxisAgencyRow[]> {
    const operation = 'getAgenciesList';
    const answer = await this.transport.call({ operation, method: 'POST', headers: { [vdxpHeaders.serviceType]: VDXP_SERVICE_TYPE } });
    return this.rows(operation, answer, agencyRowSchema);
  }

  /** How many packages of a type wait for this system (`countReceiveEdoc`, a GET). */
  async countReceived(messageType: AxisMessageType = 'edoc'): Promise<number> {
    const operation = 'countReceiveEdoc';
    checkMessageType(operation, messageType);
    const headers = { [vdxpHeaders.serviceType]: VDXP_SERVICE_TYPE, [vdxpHeaders.messageType]: messageType };
    const answer = await this.transport.call({ operation, method: 'GET', headers });
    return readAnswer(operation, countAnswerSchema, answer).count;
  }

  private async list<S extends z.ZodType>(operation: VdxpOperation, messageType: AxisMessageType, row: S): Promise<z.output<S>[]> {
    checkMessageType(operation, messageType);
    const headers = { [vdxpHeaders.serviceType]: VDXP_SERVICE_TYPE, [vdxpHeaders.messageType]: messageType };
    const answer = await this.transport.call({ operation, method: 'POST', headers, logFields: { messageType } });
    return this.rows(operation, answer, row);
  }

  /** Rows read one by one: an unreadable row is skipped with a warning instead of hiding every other one. */
  private rows<S extends z.ZodType>(operation: VdxpOperation, answer: Record<string, unknown>, row: S): z.output<S>[] {
    const { data } = readAnswer(operation, listAnswerSchema, answer);
    const rows: z.output<S>[] = [];
    data.forEach((raw, index) => {
      const parsed = row.safeParse(raw);
      if (parsed.success) rows.push(parsed.data);
      else this.transport.warnRow(operation, index, parsed.error.issues);
    });
    return rows;
  }

  private docHeaders(docId: string): Record<string, string> {
    return { [vdxpHeaders.serviceType]: VDXP_SERVICE_TYPE, [vdxpHeaders.docId]: docId };
  }
}

/** The configuration the composition root reads from the environment. */
export interface VdxpClientConfig extends Omit<VdxpClientOptions, 'signer'> {
  readonly systemId: string;
  readonly secret: StaticCredentialOptions['secret'];
}

/**
 * A client with the static-credential signer (an assumption about the axis's authentication, see signer.ts).
 * @example
 * const axis = createVdxpClient({ endpoint: required('AXIS_ENDPOINT'), systemId: required('AXIS_SYSTEM_ID'), secret: () => axisSecret(required(env.axisSecretId)) });
 */
export function createVdxpClient(config: VdxpClientConfig): VdxpClient {
  const { systemId, secret, ...options } = config;
  return new VdxpClient({ ...options, signer: staticCredentialSigner({ systemId, secret }) });
}

/**
 * Starts `source` and resolves it with its first item read (or its failure thrown); the caller then reads it
 * from the start. `return()` before reading still closes `source`, and with it the connection.
 */
async function primed<T>(source: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  let first: IteratorResult<T> | undefined = await source.next();
  const iterator: AsyncIterator<T> = {
    next: async () => {
      const result = first ?? (await source.next());
      first = undefined;
      return result;
    },
    return: async (value?: unknown) => {
      first = undefined;
      return source.return(value as T);
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

function readAnswer<S extends z.ZodType>(operation: VdxpOperation, schema: S, answer: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new AxisUnavailableError('malformed-answer', `${operation} answered OK without what it promises (${issues})`, { operation });
  }
  return parsed.data;
}

function checkToken(operation: VdxpOperation, field: string, value: string): void {
  if (!HEADER_TOKEN.test(value)) throw invalid(operation, `${field} "${value.slice(0, 40)}" must be 1–128 printable ASCII characters without spaces`);
}

function checkMessageType(operation: VdxpOperation, messageType: string): void {
  if (!(axisMessageTypes as readonly string[]).includes(messageType)) throw invalid(operation, `messageType must be edoc or status, not ${messageType}`);
}

/** A request we refuse to send: as final as the axis refusing it. */
function invalid(operation: VdxpOperation, message: string): AxisRejectedError {
  return new AxisRejectedError('CLIENT_INVALID_REQUEST', message, { operation });
}
