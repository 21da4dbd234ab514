/**
 * The store of `Idempotency-Key`s (layers/http/idempotency.ts uses it; layers/adapters/dynamo/idempotency-store.ts
 * keeps it in the table). A key is claimed before its request runs, completed with the answer, or released
 * when the request failed; a completed key expires after 24 hours.
 */
export interface IdempotencyStore {
  /** Claims the key: `claimed`, or what is already recorded under it. */
  claim(key: string, fingerprint: string, now: Date): Promise<{ kind: 'claimed' } | { kind: 'in-progress' } | { kind: 'done'; fingerprint: string; response: StoredResponse }>;
  complete(key: string, response: StoredResponse, now: Date): Promise<void>;
  release(key: string): Promise<void>;
}

export interface StoredResponse {
  readonly statusCode: number;
  readonly body: string;
  readonly contentType: string;
}
