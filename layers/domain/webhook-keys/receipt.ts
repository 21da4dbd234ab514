/**
 * The receipt of an inbound webhook (docs/DATA.md: `WEBHOOK#<organId>#<webhook-id>` / `WEBHOOK`): the
 * idempotency record of the sending agency's `webhook-id`. Written `processing` before the effect and
 * `done` with the response after it, so a retry after a crash in between redoes the (idempotent) effect,
 * and a retry after success gets the same response without a second effect.
 */
export interface WebhookReceipt {
  readonly organId: string;
  readonly webhookId: string;
  /** SHA-256 (hex) of the raw body: the same id with another body is refused (409). */
  readonly bodyHash: string;
  readonly status: 'processing' | 'done';
  readonly response?: StoredResponse;
  readonly receivedAt: string;
  readonly completedAt?: string;
  /** Unix seconds: the table's TTL removes the receipt after the replay window. */
  readonly expiresAt: number;
}

export interface StoredResponse {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Receipts outlive the senders' retry schedules (Standard Webhooks senders retry for days with the same
 * id and a fresh timestamp), not just the ±5 min timestamp window.
 */
export const RECEIPT_TTL_SECONDS = 7 * 24 * 60 * 60;

export type ClaimOutcome = { readonly kind: 'claimed' } | { readonly kind: 'exists'; readonly receipt: WebhookReceipt };
