import type { Page } from '../documents/store.ts';
import type { SecretCipher } from './cipher.ts';
import type { WebhookEndpoint } from './endpoint.ts';
import type { WebhookKey } from './key.ts';
import type { OutboundDelivery, OutboxMessage } from './outbound.ts';
import type { ClaimOutcome, StoredResponse, WebhookReceipt } from './receipt.ts';
import type { RetryPolicy } from './retry-policy.ts';

/** The ports of the webhooks area, one field of the use cases' Dependencies. */
export interface WebhookPorts {
  readonly store: WebhookStore;
  readonly cipher: SecretCipher;
  readonly outbox: WebhookOutbox;
  readonly transport: WebhookTransport;
  readonly retryPolicy: RetryPolicy;
  /**
   * Test-only: loopback endpoints (http://127.0.0.1:…, localhost) may be registered and sent to, so the
   * local runtime's tests can run a receiver. False in every deployed function (see webhook-ports.ts).
   */
  readonly allowLoopbackEndpoints: boolean;
  /** Uniform random numbers in [0, 1) for retry jitter (injected so tests can pin it). */
  readonly random: () => number;
}

/** Webhook items of the table (docs/DATA.md); every write conditional. */
export interface WebhookStore {
  putKey(key: WebhookKey): Promise<void>;
  listKeys(organId: string): Promise<readonly WebhookKey[]>;
  getKey(organId: string, keyId: string): Promise<WebhookKey | undefined>;
  /** Marks an active key revoked; resolves the stored key (undefined when there is none). */
  revokeKey(organId: string, keyId: string, revoked: { at: string; by: { sub: string; name: string } }): Promise<WebhookKey | undefined>;

  getEndpoint(organId: string): Promise<WebhookEndpoint | undefined>;
  /** Creates (`expectedVersion` 0) or replaces the endpoint if still at `expectedVersion`. */
  saveEndpoint(endpoint: WebhookEndpoint, expectedVersion: number): Promise<'saved' | 'conflict'>;

  getReceipt(organId: string, webhookId: string): Promise<WebhookReceipt | undefined>;
  /** Writes a `processing` receipt unless one exists (which is then returned). */
  claimReceipt(receipt: WebhookReceipt): Promise<ClaimOutcome>;
  /** Marks a receipt `done` with its response, if it still holds the same body hash. */
  completeReceipt(organId: string, webhookId: string, bodyHash: string, response: StoredResponse, at: string): Promise<void>;
  /**
   * The document created for one addressee of a `document.sent` webhook: writes `documentId` unless a
   * marker exists, and resolves the document id the marker holds (so an effect redone after a crash
   * finds the document it already created, or creates it under the same id).
   */
  claimArrival(organId: string, webhookId: string, addressee: string, documentId: string): Promise<string>;

  /** Writes a new log entry; `exists` when there is one for this id. */
  createOutbound(entry: OutboundDelivery): Promise<'created' | 'exists'>;
  getOutbound(organId: string, id: string): Promise<OutboundDelivery | undefined>;
  saveOutbound(next: OutboundDelivery, expectedVersion: number): Promise<'saved' | 'conflict'>;
  /** The agency's log, newest first. */
  listOutbound(organId: string, page: { readonly limit: number; readonly nextToken?: string }): Promise<Page<OutboundDelivery>>;
}

/** The `webhookOutbox` queue. */
export interface WebhookOutbox {
  enqueue(message: OutboxMessage, delaySeconds?: number): Promise<void>;
}

export type TransportResult =
  | { readonly statusCode: number; readonly durationMs: number }
  /**
   * No HTTP answer. `address-refused`: the host resolved to a special-purpose address (nothing was sent);
   * `no-answer`: DNS, connection, TLS or timeout. Deliberately no error text: what the network said
   * (ECONNREFUSED to some port, a certificate name) goes to the server log, never to the delivery log.
   */
  | { readonly failure: 'address-refused' | 'no-answer'; readonly durationMs: number };

/**
 * HTTP POST to an agency's endpoint: resolves the host, refuses it unless every address is public, and
 * connects only to an address it checked; never follows redirects.
 */
export interface WebhookTransport {
  post(request: { url: string; headers: Readonly<Record<string, string>>; body: Uint8Array; timeoutMs: number }): Promise<TransportResult>;
}
