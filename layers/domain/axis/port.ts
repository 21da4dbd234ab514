/**
 * The national document axis (trục liên thông văn bản quốc gia, VDXP) as the use cases see it. The HTTP
 * adapter (layers/adapters/axis/vdxp-client.ts) implements it against the real axis and against the local
 * simulator (infra/local/axis-simulator); tests may use an in-memory fake.
 *
 * Failures are typed (./errors.ts): `AxisRejectedError` means the axis refused the request and the same
 * request will be refused again (do not retry); `AxisUnavailableError` means the outcome is unknown or the
 * axis could not be reached (retry later; a retried `sendEdoc` may deliver twice, receivers deduplicate).
 * The adapter never retries on its own: retry policy belongs to the caller (SQS redelivery with backoff).
 */
import type { AxisAgencyRow, ReceivedItem, SentItem } from './answers.ts';

export type { AxisAgencyRow, ReceivedItem, SentItem } from './answers.ts';

/** `edoc`: a document package; `status`: a status package (gói tin trạng thái) answering one. */
export type AxisMessageType = 'edoc' | 'status';

export const axisMessageTypes: readonly AxisMessageType[] = ['edoc', 'status'];

/**
 * Acknowledgement of a fetch (`updateStatus`): `done` the package was stored on our side, `fail` it could
 * not be taken in. It is not a business answer; those travel as status packages.
 */
export type AxisAcknowledgement = 'done' | 'fail';

export interface SendEdocRequest {
  /** The edXML package, whole or as chunks (a stream from S3, the builder's output). Read once. */
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
  /** SHA-256 of exactly these bytes, hex: the `hash-file` header the axis checks. */
  readonly sha256Hex: string;
  readonly messageType: AxisMessageType;
  /** Recipient agency codes; when absent the axis routes by the package's own To (or ResponseFor). */
  readonly to?: readonly string[];
  /** The sending agency's code (`from` header); defaults to the adapter's configured agency. */
  readonly from?: string;
}

export interface AxisPort {
  /**
   * Hands a package to the axis and resolves the axis's id for it.
   * @throws AxisRejectedError when the axis answers FAIL (bad hash, unknown recipient, ...)
   * @throws AxisUnavailableError on network faults, 5xx answers and timeouts
   */
  sendEdoc(request: SendEdocRequest): Promise<{ readonly docId: string }>;

  /**
   * Packages waiting for this system, oldest first as the axis lists them. The same item can be listed
   * again (until acknowledged, and sometimes after): consumers deduplicate by `docId`. Without
   * `messageType`, both kinds are listed.
   */
  listReceived(options?: { readonly messageType?: AxisMessageType }): Promise<ReceivedItem[]>;

  /**
   * The edXML bytes of a listed package, decoded from the axis's base64 as they arrive: the package is never
   * whole in memory. Read once. Resolves when the answer's first bytes are in; the iteration ends normally
   * only if the whole answer was read and says OK, so a consumer that stores the bytes must treat a throw
   * at any point (even after the last chunk) as "nothing was received".
   * @throws AxisRejectedError when the axis answers FAIL (before any byte when the refusal comes first)
   * @throws AxisUnavailableError on network faults, 5xx answers, timeouts and answers that are not a package
   */
  openEdoc(docId: string): Promise<AsyncIterable<Uint8Array>>;

  /** The whole package in memory (`openEdoc` collected): for small packages, tools and tests. */
  getEdoc(docId: string): Promise<Uint8Array>;

  /** Acknowledges a fetched package; after `done` the axis stops listing it. Idempotent. */
  updateStatus(docId: string, status: AxisAcknowledgement): Promise<void>;

  /** What this system sent and how far each delivery got on the axis. */
  listSent(options?: { readonly messageType?: AxisMessageType }): Promise<SentItem[]>;

  /** The axis agency catalogue (`getAgenciesList`), rows as the axis gives them; see #domain/agency/catalogue. */
  getAgencies(): Promise<AxisAgencyRow[]>;
}

/** What a signer may look at: the request as it will be sent, minus the body. */
export interface AxisSignableRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** The VDXP headers already decided (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** SHA-256 hex of the body (of the empty string when there is none). */
  readonly bodyHash: string;
}

/**
 * How requests prove which system sends them. The axis's authentication scheme is not public
 * [unverified]; the one implementation we have sends a static system id and secret as headers
 * (layers/adapters/axis/signer.ts). Another scheme (an HMAC over the request, a token) plugs in here.
 */
export interface AxisRequestSigner {
  /** Extra headers to send with the request. */
  sign(request: AxisSignableRequest): Promise<Readonly<Record<string, string>>>;
}
