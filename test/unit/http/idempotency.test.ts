import { describe, expect, it } from 'vitest';
import { ConflictError, UnprocessableError } from '#domain/errors';
import { requestFingerprint, scopedIdempotencyKey, withIdempotency, type IdempotencyScope } from '#http/idempotency';
import { MemoryIdempotencyStore } from './memory-idempotency-store.ts';

const now = new Date('2026-11-26T03:00:00Z');
const ok = (body: string) => async () => ({ statusCode: 201, headers: { 'content-type': 'application/json' }, body });
const scope = (overrides: Partial<IdempotencyScope> = {}): IdempotencyScope => ({
  organId: '000.00.91.H26',
  sub: 'clerk-1',
  operation: 'createFileUpload',
  key: 'k-000001',
  ...overrides,
});
const request = { method: 'POST', path: '/documents/D1/files', body: '{"a":1}', roles: ['clerk'] };

describe('Idempotency-Key on writes', () => {
  it('runs once and replays the first answer for the same request', async () => {
    const store = new MemoryIdempotencyStore();
    let runs = 0;
    const fingerprint = requestFingerprint(request);
    const first = await withIdempotency(store, { scope: scope(), fingerprint, now }, async () => ((runs += 1), ok('{"id":"A"}')()));
    const second = await withIdempotency(store, { scope: scope(), fingerprint, now }, async () => ((runs += 1), ok('{"id":"B"}')()));
    expect(runs).toBe(1);
    expect(second).toMatchObject({ statusCode: 201, body: first.body, headers: { 'idempotent-replayed': 'true' } });
  });

  it("never replays one user's answer to another user of the same agency who sends the same key", async () => {
    // Prepare: a clerk got an upload URL under key k-000001
    const store = new MemoryIdempotencyStore();
    const fingerprint = requestFingerprint(request);
    await withIdempotency(store, { scope: scope(), fingerprint, now }, ok('{"uploadUrl":"https://clerk-only"}'));
    // Act: an admin of the same agency sends the same key and the same request
    const other = await withIdempotency(store, { scope: scope({ sub: 'admin-1' }), fingerprint: requestFingerprint({ ...request, roles: ['admin'] }), now }, ok('{"own":true}'));
    // Assess: the admin's own request ran; nothing of the clerk's answer reached them
    expect(other.body).toBe('{"own":true}');
    expect(other.headers).not.toHaveProperty('idempotent-replayed');
  });

  it("cannot block another user's key: a key in progress for one user is free for another", async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim(scopedIdempotencyKey(scope({ sub: 'attacker' })), 'x');
    const victim = await withIdempotency(store, { scope: scope(), fingerprint: 'f', now }, ok('{"id":"V"}'));
    expect(victim.body).toBe('{"id":"V"}');
  });

  it('does not replay to the same user once their roles changed (422: use a new key)', async () => {
    const store = new MemoryIdempotencyStore();
    await withIdempotency(store, { scope: scope(), fingerprint: requestFingerprint({ ...request, roles: ['clerk', 'admin'] }), now }, ok('{}'));
    const demoted = withIdempotency(store, { scope: scope(), fingerprint: requestFingerprint({ ...request, roles: ['clerk'] }), now }, ok('{}'));
    await expect(demoted).rejects.toThrowError(UnprocessableError);
  });

  it('refuses the same key with another request (422) and a key still in progress (409)', async () => {
    const store = new MemoryIdempotencyStore();
    await withIdempotency(store, { scope: scope(), fingerprint: 'one', now }, ok('{}'));
    await expect(withIdempotency(store, { scope: scope(), fingerprint: 'two', now }, ok('{}'))).rejects.toThrowError(UnprocessableError);
    await store.claim(scopedIdempotencyKey(scope({ key: 'busy-key' })), 'x');
    await expect(withIdempotency(store, { scope: scope({ key: 'busy-key' }), fingerprint: 'x', now }, ok('{}'))).rejects.toThrowError(ConflictError);
  });

  it('keeps nothing when the request fails, so a retry with the same key runs', async () => {
    const store = new MemoryIdempotencyStore();
    await expect(
      withIdempotency(store, { scope: scope(), fingerprint: 'f', now }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrowError('boom');
    await withIdempotency(store, { scope: scope(), fingerprint: 'f', now }, async () => ({ statusCode: 409, body: '{}' }));
    expect(store.records.size).toBe(0);
    const retried = await withIdempotency(store, { scope: scope(), fingerprint: 'f', now }, ok('{"id":"C"}'));
    expect(retried.body).toBe('{"id":"C"}');
  });

  it("fingerprints method, path, body and the caller's roles (in any order)", () => {
    expect(requestFingerprint(request)).toBe(requestFingerprint({ ...request }));
    expect(requestFingerprint({ ...request, roles: ['leader', 'clerk'] })).toBe(requestFingerprint({ ...request, roles: ['clerk', 'leader'] }));
    expect(requestFingerprint(request)).not.toBe(requestFingerprint({ ...request, path: '/b' }));
    expect(requestFingerprint(request)).not.toBe(requestFingerprint({ ...request, body: 'y' }));
    expect(requestFingerprint(request)).not.toBe(requestFingerprint({ ...request, roles: ['admin'] }));
  });

  it('stores each scope under its own key, with no way for one part to spill into another', () => {
    const keys = [
      scope(),
      scope({ sub: 'clerk-2' }),
      scope({ organId: '000.00.92.H26' }),
      scope({ operation: 'createRecord' }),
      scope({ key: 'k-000002' }),
      scope({ sub: 'a#b', operation: 'c' }),
      scope({ sub: 'a', operation: 'b#c' }),
    ].map(scopedIdempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => /^[A-Za-z0-9_-]{43}$/.test(key))).toBe(true);
  });
});

describe('the request fingerprint kept with an idempotency record', () => {
  const request = { method: 'POST', path: '/documents/D/signatures/S/complete', roles: ['leader'], body: '{"authorization":{"PIN":"123456"}}' };

  it('is an HMAC under the function key: a 6-digit PIN in the body cannot be found again by hashing every PIN', () => {
    // Prepare
    const key = 'k'.repeat(43);
    const guess = (pin: string) => requestFingerprint({ ...request, body: `{"authorization":{"PIN":"${pin}"}}` });
    // Act
    const kept = requestFingerprint(request, key);
    // Assess
    expect(kept).not.toBe(guess('123456'));
    expect(requestFingerprint(request, key)).toBe(kept);
    expect(requestFingerprint({ ...request, body: '{"authorization":{"PIN":"654321"}}' }, key)).not.toBe(kept);
  });
});
