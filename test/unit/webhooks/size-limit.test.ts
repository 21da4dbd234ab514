/**
 * The body limit is checked before anything reads the body. This file spies on node:crypto's HMAC and
 * Ed25519 entry points, so it stays separate from the other tests.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ createHmac: 0, verify: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    createHmac: (...args: Parameters<typeof crypto.createHmac>) => {
      calls.createHmac++;
      return crypto.createHmac(...args);
    },
    verify: (...args: Parameters<typeof crypto.verify>) => {
      calls.verify++;
      return crypto.verify(...args);
    },
  };
});

const { verifyWebhook } = await import('#webhooks/verify');
const { deliver, keysOf, newEd25519, newSecret, NOW } = await import('./fixtures.ts');

describe('verifyWebhook: body size before everything else', () => {
  const secret = newSecret();
  const { privateKey, publicKey } = newEd25519();
  const keys = keysOf({ hmacSecrets: [secret], ed25519PublicKeys: [publicKey] });
  const tenMegabytes = new Uint8Array(10 * 1024 * 1024).fill(0x61);

  it('refuses a 10 MB body with 413 without computing any signature', () => {
    // Prepare
    const signed = deliver({ hmacSecrets: [secret], ed25519PrivateKeys: [privateKey] });
    calls.createHmac = 0;
    calls.verify = 0;

    // Act
    const result = verifyWebhook({ headers: signed.headers, rawBody: tenMegabytes, keys, now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, status: 413, reason: 'body-too-large' });
    expect(calls).toEqual({ createHmac: 0, verify: 0 });
  });

  it('reports 413 even when the headers are missing too', () => {
    // Act
    const result = verifyWebhook({ headers: {}, rawBody: tenMegabytes, keys, now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, status: 413, errors: [{ path: 'body' }] });
  });

  it('does compute the signatures for a body within the limit (the spy sees real work)', () => {
    // Prepare
    const signed = deliver({ ed25519PrivateKeys: [privateKey] });
    calls.createHmac = 0;
    calls.verify = 0;

    // Act
    const result = verifyWebhook({ ...signed, keys, now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: true });
    expect(calls.verify).toBe(1);
    expect(calls.createHmac).toBe(0);
  });
});
