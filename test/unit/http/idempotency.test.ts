import { describe, expect, it } from 'vitest';
import { ConflictError, UnprocessableError } from '#domain/errors';
import { requestFingerprint, withIdempotency, type IdempotencyStore, type StoredResponse } from '#http/idempotency';

class MemoryStore implements IdempotencyStore {
  readonly records = new Map<string, { fingerprint: string; response?: StoredResponse }>();
  async claim(key: string, fingerprint: string) {
    const record = this.records.get(key);
    if (record === undefined) {
      this.records.set(key, { fingerprint });
      return { kind: 'claimed' as const };
    }
    return record.response === undefined ? { kind: 'in-progress' as const } : { kind: 'done' as const, fingerprint: record.fingerprint, response: record.response };
  }
  async complete(key: string, response: StoredResponse) {
    const record = this.records.get(key);
    if (record !== undefined) record.response = response;
  }
  async release(key: string) {
    this.records.delete(key);
  }
}

const now = new Date('2026-11-26T03:00:00Z');
const ok = (body: string) => async () => ({ statusCode: 201, headers: { 'content-type': 'application/json' }, body });

describe('Idempotency-Key on writes', () => {
  it('runs once and replays the first answer for the same request', async () => {
    const store = new MemoryStore();
    let runs = 0;
    const fingerprint = requestFingerprint('POST', '/documents/outgoing', '{"a":1}');
    const first = await withIdempotency(store, { key: 'k', fingerprint, now }, async () => ((runs += 1), ok('{"id":"A"}')()));
    const second = await withIdempotency(store, { key: 'k', fingerprint, now }, async () => ((runs += 1), ok('{"id":"B"}')()));
    expect(runs).toBe(1);
    expect(second).toMatchObject({ statusCode: 201, body: first.body, headers: { 'idempotent-replayed': 'true' } });
  });

  it('refuses the same key with another request (422) and a key still in progress (409)', async () => {
    const store = new MemoryStore();
    await withIdempotency(store, { key: 'k', fingerprint: 'one', now }, ok('{}'));
    await expect(withIdempotency(store, { key: 'k', fingerprint: 'two', now }, ok('{}'))).rejects.toThrowError(UnprocessableError);
    await store.claim('busy', 'x');
    await expect(withIdempotency(store, { key: 'busy', fingerprint: 'x', now }, ok('{}'))).rejects.toThrowError(ConflictError);
  });

  it('keeps nothing when the request fails, so a retry with the same key runs', async () => {
    const store = new MemoryStore();
    await expect(withIdempotency(store, { key: 'k', fingerprint: 'f', now }, async () => { throw new Error('boom'); })).rejects.toThrowError('boom');
    await withIdempotency(store, { key: 'k', fingerprint: 'f', now }, async () => ({ statusCode: 409, body: '{}' }));
    expect(store.records.has('k')).toBe(false);
    const retried = await withIdempotency(store, { key: 'k', fingerprint: 'f', now }, ok('{"id":"C"}'));
    expect(retried.body).toBe('{"id":"C"}');
  });

  it('fingerprints method, path and body', () => {
    expect(requestFingerprint('POST', '/a', 'x')).toBe(requestFingerprint('POST', '/a', 'x'));
    expect(requestFingerprint('POST', '/a', 'x')).not.toBe(requestFingerprint('POST', '/b', 'x'));
    expect(requestFingerprint('POST', '/a', 'x')).not.toBe(requestFingerprint('POST', '/a', 'y'));
  });
});
