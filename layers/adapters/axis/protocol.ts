/**
 * The wire vocabulary of the VDXP interface (DOMAIN.md §6), shared by the HTTP client and the local axis
 * simulator so that both speak exactly the same protocol. Parameters travel as HTTP headers, as the
 * government SDK sends them (its JSON "headers" object is copied into the request headers one by one).
 */

/** `POST {endpoint}/{operation}`; the count is a GET. */
export const vdxpOperations = ['sendEdoc', 'getReceivedEdocList', 'getEdoc', 'updateStatus', 'getSentEdocList', 'countReceiveEdoc', 'getAgenciesList'] as const;
export type VdxpOperation = (typeof vdxpOperations)[number];

/** Header names, lower case (HTTP header names are case-insensitive; Node reports them lower-cased). */
export const vdxpHeaders = {
  from: 'from',
  serviceType: 'servicetype',
  messageType: 'messagetype',
  /** Recipient agency codes as a JSON array. */
  to: 'to',
  /** SHA-256 hex of the body of `sendEdoc`. */
  hashFile: 'hash-file',
  docId: 'docid',
  /** `done` or `fail` in `updateStatus`. */
  status: 'status',
} as const;

/** The only service type we use: electronic documents. */
export const VDXP_SERVICE_TYPE = 'eDoc';

/** SHA-256 of the empty body, the `bodyHash` of the operations that send none. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What may go into a header value we build from caller input: printable ASCII, no spaces. */
export const HEADER_TOKEN = /^[\x21-\x7e]{1,128}$/;
