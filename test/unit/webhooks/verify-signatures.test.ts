import { describe, expect, it } from 'vitest';
import { WebhookSecretError, WebhookKeyError } from '#webhooks/errors';
import { DEFAULT_TOLERANCE_SECONDS, verifyWebhook } from '#webhooks/verify';
import { deliver, keysOf, newEd25519, newSecret, NOW, NOW_SECONDS, utf8 } from './fixtures.ts';

const current = newSecret();
const previous = newSecret();

describe('verifyWebhook: timestamp window', () => {
  it.each([
    [-DEFAULT_TOLERANCE_SECONDS, true],
    [DEFAULT_TOLERANCE_SECONDS, true],
    [-(DEFAULT_TOLERANCE_SECONDS + 1), 'timestamp-too-old'],
    [DEFAULT_TOLERANCE_SECONDS + 1, 'timestamp-in-future'],
  ] as const)('a timestamp %i s from now gives %s (±300 s inclusive)', (offset, expected) => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current], timestamp: NOW_SECONDS + offset });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    if (expected === true) expect(result).toMatchObject({ ok: true });
    else expect(result).toMatchObject({ ok: false, status: 401, reason: expected, errors: [{ path: 'header.webhook-timestamp' }] });
  });

  it('counts whole seconds of the server clock (a 300.999 s old timestamp is still 300 s old)', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current], timestamp: NOW_SECONDS - 300 });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: new Date(NOW.getTime() + 999) });

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it('explains a millisecond timestamp as being in the future', () => {
    // Prepare: 13 digits, a common mistake.
    const delivery = deliver({ hmacSecrets: [current], timestamp: NOW.getTime() });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'timestamp-in-future', detail: expect.stringMatching(/not milliseconds/) });
  });

  it('honours a custom tolerance', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current], timestamp: NOW_SECONDS - 61 });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW, toleranceSeconds: 60 });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'timestamp-too-old' });
  });
});

describe('verifyWebhook: several signatures and key rotation', () => {
  it('accepts a delivery signed with the old and new secret by an agency that knows only the new one', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [previous, current] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(delivery.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(result).toMatchObject({ ok: true, signedWith: { version: 'v1', keyIndex: 0 } });
  });

  it('accepts a delivery signed with the new secret while both are active, and names the key used', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [previous, current] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: true, signedWith: { version: 'v1', keyIndex: 1 } });
  });

  it('ignores unknown versions and wrong signatures when one entry matches (reference multi-signature case)', () => {
    // Prepare: the entries of the reference libraries' "multi sig payload is valid" test around our valid one.
    const delivery = deliver({ hmacSecrets: [current] });
    const other = 'Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
    const header = [`v1,${other}`, `v2,${other}`, delivery.headers['webhook-signature'], `v1,${other}`, 'v3,anything'].join(' ');

    // Act
    const result = verifyWebhook({ ...delivery, headers: { ...delivery.headers, 'webhook-signature': header }, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses a header with only unknown versions', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current] });
    const signature = delivery.headers['webhook-signature']?.replace('v1,', 'v2,') ?? '';

    // Act
    const result = verifyWebhook({ ...delivery, headers: { ...delivery.headers, 'webhook-signature': signature }, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, status: 401, reason: 'unsupported-signature-version', errors: [{ path: 'header.webhook-signature' }] });
  });

  it('refuses a signature made with a secret that is no longer active', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [previous] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, status: 401, reason: 'signature-mismatch' });
  });

  it('refuses every signature when the agency has no active key, and says so', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({}), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch', detail: expect.stringMatching(/no active key/) });
  });

  it('does not accept a v1a signature against an HMAC secret or the reverse', () => {
    // Prepare
    const { privateKey, publicKey } = newEd25519();
    const ed25519Delivery = deliver({ ed25519PrivateKeys: [privateKey] });
    const hmacDelivery = deliver({ hmacSecrets: [current] });

    // Act
    const v1aAgainstSecret = verifyWebhook({ ...ed25519Delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW });
    const v1AgainstPublicKey = verifyWebhook({ ...hmacDelivery, keys: keysOf({ ed25519PublicKeys: [publicKey] }), now: NOW });

    // Assess
    expect(v1aAgainstSecret).toMatchObject({ ok: false, reason: 'signature-mismatch' });
    expect(v1AgainstPublicKey).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });
});

describe('verifyWebhook: the exact raw bytes are verified', () => {
  it('refuses a body that was parsed and re-serialised after signing', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current], body: '{ "kind": "status", "statusCode": "03" }' });
    const reserialised = utf8(JSON.stringify(JSON.parse(new TextDecoder().decode(delivery.rawBody))));

    // Act
    const result = verifyWebhook({ ...delivery, rawBody: reserialised, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(reserialised.byteLength).toBeLessThan(delivery.rawBody.byteLength);
    expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch', detail: expect.stringMatching(/re-serialise/) });
  });

  it('refuses the signature of one id replayed under another id', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current], id: 'msg_1' });

    // Act
    const result = verifyWebhook({ ...delivery, headers: { ...delivery.headers, 'webhook-id': 'msg_2' }, keys: keysOf({ hmacSecrets: [current] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });
});

describe('verifyWebhook: limits and configuration', () => {
  it('refuses a body one byte over the limit with 413 and accepts one at the limit', () => {
    // Prepare
    const atLimit = deliver({ hmacSecrets: [current], body: 'x'.repeat(100) });
    const overLimit = deliver({ hmacSecrets: [current], body: 'x'.repeat(101) });
    const keys = keysOf({ hmacSecrets: [current] });

    // Act
    const accepted = verifyWebhook({ ...atLimit, keys, now: NOW, maxBodyBytes: 100 });
    const refused = verifyWebhook({ ...overLimit, keys, now: NOW, maxBodyBytes: 100 });

    // Assess
    expect(accepted).toMatchObject({ ok: true });
    expect(refused).toMatchObject({ ok: false, status: 413, reason: 'body-too-large', errors: [{ path: 'body' }] });
  });

  it('throws on a configured secret shorter than 24 bytes instead of refusing every delivery', () => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current] });

    // Act
    const act = () => verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current, new Uint8Array(23)] }), now: NOW });

    // Assess
    expect(act).toThrow(WebhookSecretError);
  });

  it('throws when a private key is configured where a public key belongs', () => {
    // Prepare
    const { privateKey } = newEd25519();
    const delivery = deliver({ ed25519PrivateKeys: [privateKey] });

    // Act
    const act = () => verifyWebhook({ ...delivery, keys: keysOf({ ed25519PublicKeys: [privateKey] }), now: NOW });

    // Assess
    expect(act).toThrow(WebhookKeyError);
  });

  it.each([-1, 1.5, Number.NaN])('throws on a tolerance of %s', (toleranceSeconds) => {
    // Prepare
    const delivery = deliver({ hmacSecrets: [current] });

    // Act
    const act = () => verifyWebhook({ ...delivery, keys: keysOf({ hmacSecrets: [current] }), now: NOW, toleranceSeconds });

    // Assess
    expect(act).toThrow(RangeError);
  });
});
