import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, UnprocessableError } from '#domain/errors';

/**
 * `Idempotency-Key` on writes (CONTRACT.md): the first request with a key runs and its answer is kept for
 * 24 hours; the same key with the same request gets the same answer again (header `Idempotent-Replayed`),
 * with another request 422, and while the first is still running 409. A failed request keeps nothing, so
 * it can be retried with the same key.
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

export function requestFingerprint(method: string, path: string, body: string | undefined): string {
  return createHash('sha256').update(`${method} ${path}\n${body ?? ''}`).digest('base64url');
}

/** Runs `execute` at most once per key; replays its answer for the same request. */
export async function withIdempotency(
  store: IdempotencyStore,
  input: { key: string; fingerprint: string; now: Date },
  execute: () => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const claim = await store.claim(input.key, input.fingerprint, input.now);
  if (claim.kind === 'in-progress') {
    throw new ConflictError('request-in-progress', 'A request with this Idempotency-Key is still being processed; try again in a moment.', { errors: [{ path: 'header.idempotency-key', message: 'in progress' }] });
  }
  if (claim.kind === 'done') {
    if (claim.fingerprint !== input.fingerprint) {
      throw new UnprocessableError('idempotency-key-reused', 'This Idempotency-Key was already used for a different request; use a new key.', { errors: [{ path: 'header.idempotency-key', message: 'already used with another request' }] });
    }
    return { statusCode: claim.response.statusCode, headers: { 'content-type': claim.response.contentType, 'idempotent-replayed': 'true' }, body: claim.response.body };
  }
  let response: APIGatewayProxyStructuredResultV2;
  try {
    response = await execute();
  } catch (error) {
    await store.release(input.key);
    throw error;
  }
  const status = response.statusCode ?? 200;
  if (status >= 400) await store.release(input.key);
  else await store.complete(input.key, { statusCode: status, body: response.body ?? '', contentType: String(response.headers?.['content-type'] ?? 'application/json') }, input.now);
  return response;
}
