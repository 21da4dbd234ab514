import { describe, expect, it } from 'vitest';
import { WebhookKeyError, WebhookSecretError, WebhookSigningError } from '#webhooks/errors';
import { signWebhook, type SignWebhookInput } from '#webhooks/sign';
import { verifyWebhook } from '#webhooks/verify';
import { keysOf, newEd25519, newSecret, NOW, NOW_SECONDS, utf8 } from './fixtures.ts';

const secret = newSecret();
const base: SignWebhookInput = { id: 'msg_1', timestamp: NOW_SECONDS, rawBody: utf8('{}'), hmacSecrets: [secret] };

describe('signWebhook', () => {
  it('truncates a Date to whole seconds and signs what it puts in the header', () => {
    // Prepare
    const at = new Date(NOW.getTime() + 999);

    // Act
    const headers = signWebhook({ ...base, timestamp: at });
    const result = verifyWebhook({ headers: { ...headers }, rawBody: base.rawBody, keys: keysOf({ hmacSecrets: [secret] }), now: NOW });

    // Assess
    expect(headers['webhook-timestamp']).toBe(String(NOW_SECONDS));
    expect(result).toMatchObject({ ok: true, timestamp: NOW });
  });

  it('puts one entry per key, v1 first then v1a', () => {
    // Prepare
    const { privateKey } = newEd25519();

    // Act
    const headers = signWebhook({ ...base, hmacSecrets: [secret, newSecret()], ed25519PrivateKeys: [privateKey] });

    // Assess
    expect(headers['webhook-signature'].split(' ').map((entry) => entry.split(',')[0])).toEqual(['v1', 'v1', 'v1a']);
  });

  it.each([
    ['an id with a dot', { id: 'msg.1' }, WebhookSigningError],
    ['a negative timestamp', { timestamp: -1 }, WebhookSigningError],
    ['a fractional timestamp', { timestamp: 1.5 }, WebhookSigningError],
    ['an invalid Date', { timestamp: new Date(Number.NaN) }, WebhookSigningError],
    ['no key', { hmacSecrets: [] }, WebhookSigningError],
    ['eleven keys', { hmacSecrets: Array.from({ length: 11 }, () => secret) }, WebhookSigningError],
    ['a 16-byte secret', { hmacSecrets: [new Uint8Array(16)] }, WebhookSecretError],
    ['a public key as signing key', { hmacSecrets: [], ed25519PrivateKeys: [newEd25519().publicKey] }, WebhookKeyError],
  ] as const)('refuses %s', (_, change, errorClass) => {
    // Act
    const act = () => signWebhook({ ...base, ...change });

    // Assess
    expect(act).toThrow(errorClass);
  });
});
