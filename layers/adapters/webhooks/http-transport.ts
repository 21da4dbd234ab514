import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { refusedAddress } from '#domain/webhook-keys/address';
import type { TransportResult, WebhookTransport } from '#domain/webhook-keys/ports';
import { createLogger, type Logger } from '#observability/log';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Every address of a host name (an IP literal resolves to itself). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface PinnedTransportOptions {
  /** Test-only (see webhook-ports.ts): loopback addresses pass the check, and plain http is sent. */
  readonly allowLoopback: boolean;
  /** The system resolver (getaddrinfo, all addresses) unless a test injects one. */
  readonly resolve?: Resolver;
  readonly logger?: Logger;
}

/**
 * POSTs webhooks so that an endpoint URL cannot reach into our network (SSRF): the host is resolved once,
 * EVERY address must be public (address.ts: the IANA special-purpose registries), and the socket connects
 * only to those checked addresses — the pinned lookup answers net's own lookup, so a second DNS answer
 * (rebinding) is never asked for. TLS still verifies the certificate against the host name. No redirects
 * (a 3xx is an answer like any other), a hard deadline over DNS, connection and headers, the response body
 * never read, a fresh connection each time. Failures come back without text: the detail goes to the log.
 *
 * @example
 * const transport = pinnedTransport({ allowLoopback: false });
 * const result = await transport.post({ url, headers, body, timeoutMs: 10_000 });
 */
export function pinnedTransport(options: PinnedTransportOptions): WebhookTransport {
  const resolve = options.resolve ?? ((hostname: string) => systemLookup(hostname, { all: true }));
  const log = options.logger ?? createLogger({ component: 'webhook-transport' });
  return {
    async post(request): Promise<TransportResult> {
      const started = Date.now();
      const elapsed = () => Date.now() - started;
      const deadline = AbortSignal.timeout(request.timeoutMs);
      const url = URL.canParse(request.url) ? new URL(request.url) : undefined;
      if (url === undefined || !(url.protocol === 'https:' || (options.allowLoopback && url.protocol === 'http:'))) {
        log.warn('webhook endpoint refused', { reason: 'not an https URL' });
        return { failure: 'address-refused', durationMs: elapsed() };
      }
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      let addresses: readonly ResolvedAddress[];
      try {
        addresses = await beforeDeadline(resolve(host), deadline);
      } catch (error) {
        log.warn('webhook endpoint did not answer', { host, stage: 'dns', cause: causeOf(error) });
        return { failure: 'no-answer', durationMs: elapsed() };
      }
      const refused = refusedAddress(
        addresses.map((a) => a.address),
        { allowLoopback: options.allowLoopback },
      );
      if (refused !== undefined) {
        log.warn('webhook endpoint refused', { host, reason: `resolves to ${refused}` });
        return { failure: 'address-refused', durationMs: elapsed() };
      }
      try {
        const statusCode = await postTo(url, addresses, request, deadline);
        return { statusCode, durationMs: elapsed() };
      } catch (error) {
        log.warn('webhook endpoint did not answer', { host, stage: 'http', cause: causeOf(error) });
        return { failure: 'no-answer', durationMs: elapsed() };
      }
    },
  };
}

/** One POST over a new connection to one of `addresses` (all checked); resolves the status code. */
function postTo(url: URL, addresses: readonly ResolvedAddress[], request: { headers: Readonly<Record<string, string>>; body: Uint8Array }, signal: AbortSignal): Promise<number> {
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    const [first] = addresses;
    if (lookupOptions.all === true)
      callback(
        null,
        addresses.map(({ address, family }) => ({ address, family })),
      );
    else if (first === undefined) callback(Object.assign(new Error('no checked address'), { code: 'ENOTFOUND' }), '');
    else callback(null, first.address, first.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'vanthu-webhooks/1', ...request.headers, 'content-length': String(request.body.byteLength) },
      // The checked addresses and nothing else; with Node's default autoSelectFamily net asks for all of
      // them and tries them in turn (happy eyeballs), without the pinned lookup it would resolve again.
      lookup: pinned,
      // No pooled socket that an earlier lookup connected.
      agent: false,
      signal,
    });
    outgoing.once('response', (response) => {
      resolve(response.statusCode ?? 0);
      // The body is not ours to read: close the connection instead of draining whatever the receiver sends.
      response.destroy();
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** For the server log only: the error code (ECONNREFUSED, ENOTFOUND, CERT_…) or name. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = (error as Error & { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`.slice(0, 300);
}
