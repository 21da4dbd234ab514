import { createHash, createHmac } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, UnprocessableError } from '#domain/errors';
import type { IdempotencyStore } from '#domain/idempotency';

/**
 * `Idempotency-Key` on writes (CONTRACT.md): the first request with a key runs and its answer is kept for
 * 24 hours; the same key with the same request gets the same answer again (header `Idempotent-Replayed`),
 * with another request 422, and while the first is still running 409. A failed request keeps nothing, so
 * it can be retried with the same key.
 *
 * A key belongs to its caller: it is stored under its scope (agency, user, operation), so another user's
 * same key is another key — no one replays someone else's answer or blocks their key. The replay runs
 * before the use case authorizes, so the fingerprint also holds the caller's roles: an answer is replayed
 * only to the user it was given to, with the roles they had when it was authorized.
 */
/** Who used a key for what: the same key in another scope is another key. */
export interface IdempotencyScope {
  readonly organId: string;
  /** The caller's `sub`. */
  readonly sub: string;
  /** The route's operationId. */
  readonly operation: string;
  /** The `Idempotency-Key` header as sent. */
  readonly key: string;
}

/**
 * The key under which a scope is stored: a SHA-256 (base64url) of all four parts, so no part can spill
 * into another (a `sub` holding `#`) and no user id is written into the table's keys.
 *
 * @example
 * scopedIdempotencyKey({ organId: '000.00.91.H26', sub: 'u1', operation: 'createFileUpload', key: 'k-000001' }) // 43 characters
 */
export function scopedIdempotencyKey(scope: IdempotencyScope): string {
  return createHash('sha256')
    .update(JSON.stringify(['vanthu-idempotency/v2', scope.organId, scope.sub, scope.operation, scope.key]))
    .digest('base64url');
}

/**
 * What makes two requests "the same": method, path, body, and the roles of the caller who sent it — as an
 * HMAC under the function's secret key when it has one: a body may hold what must never be recoverable from
 * the table (a leader's PIN for a remote signature), and a plain hash of a 6-digit PIN is undone in a second.
 */
export function requestFingerprint(request: { method: string; path: string; body: string | undefined; roles: readonly string[] }, key?: string): string {
  const text = JSON.stringify([request.method, request.path, [...request.roles].sort(), request.body ?? '']);
  return (key === undefined || key === '' ? createHash('sha256') : createHmac('sha256', key)).update(text).digest('base64url');
}

/** Runs `execute` at most once per scope; replays its answer for the same request. */
export async function withIdempotency(
  store: IdempotencyStore,
  input: { scope: IdempotencyScope; fingerprint: string; now: Date },
  execute: () => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const key = scopedIdempotencyKey(input.scope);
  const claim = await store.claim(key, input.fingerprint, input.now);
  if (claim.kind === 'in-progress') {
    throw new ConflictError('request-in-progress', 'A request with this Idempotency-Key is still being processed; try again in a moment.', {
      errors: [{ path: 'header.idempotency-key', message: 'in progress' }],
    });
  }
  if (claim.kind === 'done') {
    if (claim.fingerprint !== input.fingerprint) {
      throw new UnprocessableError('idempotency-key-reused', 'This Idempotency-Key was already used for a different request (or before your roles changed); use a new key.', {
        errors: [{ path: 'header.idempotency-key', message: 'already used with another request' }],
      });
    }
    return { statusCode: claim.response.statusCode, headers: { 'content-type': claim.response.contentType, 'idempotent-replayed': 'true' }, body: claim.response.body };
  }
  let response: APIGatewayProxyStructuredResultV2;
  try {
    response = await execute();
  } catch (error) {
    await store.release(key);
    throw error;
  }
  const status = response.statusCode ?? 200;
  if (status >= 400) await store.release(key);
  else await store.complete(key, { statusCode: status, body: response.body ?? '', contentType: String(response.headers?.['content-type'] ?? 'application/json') }, input.now);
  return response;
}
