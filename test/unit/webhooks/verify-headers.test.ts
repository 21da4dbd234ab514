import { describe, expect, it } from 'vitest';
import type { WebhookRefusal } from '#webhooks/refusals';
import { verifyWebhook, type VerifyResult } from '#webhooks/verify';
import { deliver, keysOf, newSecret, NOW } from './fixtures.ts';

const secret = newSecret();
const keys = keysOf({ hmacSecrets: [secret] });

/** Verifies a correctly signed delivery after changing its headers. */
function verifyWith(change: (headers: Record<string, string>) => Record<string, string>): VerifyResult {
  const delivery = deliver({ hmacSecrets: [secret] });
  return verifyWebhook({ headers: change(delivery.headers), rawBody: delivery.rawBody, keys, now: NOW });
}

function without(name: string) {
  return (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
}

function withValue(name: string, value: string) {
  return (headers: Record<string, string>) => ({ ...headers, [name]: value });
}

describe('verifyWebhook: missing headers', () => {
  it.each([
    ['webhook-id', 'missing-webhook-id'],
    ['webhook-timestamp', 'missing-webhook-timestamp'],
    ['webhook-signature', 'missing-webhook-signature'],
  ] satisfies [string, WebhookRefusal][])('refuses a delivery without %s as %s', (header, reason) => {
    // Act
    const result = verifyWith(without(header));

    // Assess
    expect(result).toMatchObject({ ok: false, status: 400, reason, errors: [{ path: `header.${header}` }] });
  });

  it('treats an empty header value as missing', () => {
    // Act
    const result = verifyWith(withValue('webhook-id', ''));

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'missing-webhook-id' });
  });

  it('lists every header problem in errors, the first one as reason', () => {
    // Act
    const result = verifyWith(() => ({ 'webhook-timestamp': 'soon' }));

    // Assess
    expect(result).toMatchObject({ ok: false, status: 400, reason: 'missing-webhook-id' });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['header.webhook-id', 'header.webhook-timestamp', 'header.webhook-signature']);
    expect(result.ok ? '' : result.errors[1]?.message).toMatch(/digits only/);
  });
});

describe('verifyWebhook: header names and values', () => {
  it('reads header names in any letter case (HTTP/1.1 senders, REST API events)', () => {
    // Prepare
    const capitalised = (h: Record<string, string>) => ({
      'Webhook-Id': h['webhook-id'] ?? '',
      'WEBHOOK-TIMESTAMP': h['webhook-timestamp'] ?? '',
      'Webhook-Signature': h['webhook-signature'] ?? '',
    });

    // Act
    const result = verifyWith(capitalised);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses a header sent twice with different values in different case', () => {
    // Act
    const result = verifyWith((h) => ({ ...h, 'Webhook-Id': 'msg_other' }));

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'invalid-webhook-id', detail: expect.stringMatching(/more than once/) });
  });

  it.each(['msg.1', 'msg 1', 'msg\u00e91', 'x'.repeat(257)])('refuses the webhook-id %j', (id) => {
    // Act
    const result = verifyWith(withValue('webhook-id', id));

    // Assess
    expect(result).toMatchObject({ ok: false, status: 400, reason: 'invalid-webhook-id', errors: [{ path: 'header.webhook-id' }] });
  });

  it.each(['hello', '1674087231xyz', '-1', '+123', ' 123', '123 ', '1.5', '1e9', '0x10', '1736928000000000', '１２３'])(
    'refuses the webhook-timestamp %j as not plain digits',
    (timestamp) => {
      // Act
      const result = verifyWith(withValue('webhook-timestamp', timestamp));

      // Assess
      expect(result).toMatchObject({ ok: false, status: 400, reason: 'invalid-webhook-timestamp', errors: [{ path: 'header.webhook-timestamp' }] });
    },
  );
});

describe('verifyWebhook: malformed webhook-signature', () => {
  const valid = deliver({ hmacSecrets: [secret] }).headers['webhook-signature'] ?? '';

  it.each([
    ['empty v1 signature', 'v1,'],
    ['truncated v1 signature', valid.slice(0, 8)],
    ['v1 signature missing its padding', valid.slice(0, -1)],
    ['v1 signature of the wrong length', 'v1,dawfeoifkpqwoekfpqoekf'],
    ['v1 signature that is not base64', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4*'],
    ['base64url instead of base64', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN_H_pI4='],
    ['entry without a version', 'K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
    ['only spaces', '   '],
    ['v1a signature of HMAC length', 'v1a,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
    ['eleven signatures', Array.from({ length: 11 }, () => valid).join(' ')],
  ])('refuses a %s', (_, signature) => {
    // Act
    const result = verifyWith(withValue('webhook-signature', signature));

    // Assess
    expect(result).toMatchObject({ ok: false, status: 400, reason: 'malformed-webhook-signature', errors: [{ path: 'header.webhook-signature' }] });
  });

  it('refuses a malformed entry even beside a valid one (the sender has a bug worth seeing)', () => {
    // Act
    const result = verifyWith(withValue('webhook-signature', `${valid} v1,`));

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'malformed-webhook-signature', detail: expect.stringMatching(/signature 2 \(v1\)/) });
  });
});
