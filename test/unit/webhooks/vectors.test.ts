import { describe, expect, it } from 'vitest';
import { formatEd25519PublicKey, parseEd25519SigningKey, parseSecret } from '#webhooks/keys';
import { signWebhook } from '#webhooks/sign';
import { verifyWebhook } from '#webhooks/verify';
import { createPublicKey } from 'node:crypto';
import { ED25519_VECTOR, HMAC_VECTOR, keysOf, utf8 } from './fixtures.ts';

const vectorTime = new Date(HMAC_VECTOR.timestamp * 1000);
const vectorHeaders = (signature: string) => ({
  'webhook-id': HMAC_VECTOR.id,
  'webhook-timestamp': String(HMAC_VECTOR.timestamp),
  'webhook-signature': signature,
});

describe('published Standard Webhooks test vectors', () => {
  it('signs the v1 vector to the published signature', () => {
    // Prepare
    const secret = parseSecret(HMAC_VECTOR.secret);

    // Act
    const headers = signWebhook({ id: HMAC_VECTOR.id, timestamp: vectorTime, rawBody: utf8(HMAC_VECTOR.payload), hmacSecrets: [secret] });

    // Assess
    expect(headers).toEqual(vectorHeaders(HMAC_VECTOR.signature));
  });

  it('verifies the published v1 signature and refuses its near miss', () => {
    // Prepare
    const keys = keysOf({ hmacSecrets: [parseSecret(HMAC_VECTOR.secret)] });
    const rawBody = utf8(HMAC_VECTOR.payload);

    // Act
    const good = verifyWebhook({ headers: vectorHeaders(HMAC_VECTOR.signature), rawBody, keys, now: vectorTime });
    const bad = verifyWebhook({ headers: vectorHeaders(HMAC_VECTOR.nearMiss), rawBody, keys, now: vectorTime });

    // Assess
    expect(good).toEqual({ ok: true, id: HMAC_VECTOR.id, timestamp: vectorTime, signedWith: { version: 'v1', keyIndex: 0 } });
    expect(bad).toMatchObject({ ok: false, status: 401, reason: 'signature-mismatch' });
  });

  it('signs the v1a vector to the published signature and verifies it with the public key only', () => {
    // Prepare
    const privateKey = parseEd25519SigningKey(ED25519_VECTOR.signingKey);
    const publicKey = createPublicKey(privateKey);
    const rawBody = utf8(HMAC_VECTOR.payload);

    // Act
    const headers = signWebhook({ id: HMAC_VECTOR.id, timestamp: HMAC_VECTOR.timestamp, rawBody, ed25519PrivateKeys: [privateKey] });
    const result = verifyWebhook({ headers: vectorHeaders(ED25519_VECTOR.signature), rawBody, keys: keysOf({ ed25519PublicKeys: [publicKey] }), now: vectorTime });

    // Assess
    expect(headers['webhook-signature']).toBe(ED25519_VECTOR.signature);
    expect(result).toMatchObject({ ok: true, signedWith: { version: 'v1a', keyIndex: 0 } });
    expect(formatEd25519PublicKey(publicKey)).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
  });

  it('accepts the spec example header with both versions when either key is registered', () => {
    // Prepare: the spec's "Example headers" carry one v1 and one v1a signature, space-separated.
    const both = `${HMAC_VECTOR.signature} ${ED25519_VECTOR.signature}`;
    const rawBody = utf8(HMAC_VECTOR.payload);
    const publicKey = createPublicKey(parseEd25519SigningKey(ED25519_VECTOR.signingKey));

    // Act
    const byHmac = verifyWebhook({ headers: vectorHeaders(both), rawBody, keys: keysOf({ hmacSecrets: [parseSecret(HMAC_VECTOR.secret)] }), now: vectorTime });
    const byEd25519 = verifyWebhook({ headers: vectorHeaders(both), rawBody, keys: keysOf({ ed25519PublicKeys: [publicKey] }), now: vectorTime });

    // Assess
    expect(byHmac).toMatchObject({ ok: true, signedWith: { version: 'v1' } });
    expect(byEd25519).toMatchObject({ ok: true, signedWith: { version: 'v1a' } });
  });
});
