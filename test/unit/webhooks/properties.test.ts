import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '#webhooks/sign';
import { verifyWebhook } from '#webhooks/verify';
import { keysOf, newEd25519, newSecret, NOW_SECONDS } from './fixtures.ts';

const secret = newSecret();
const ed25519 = newEd25519();
const keys = keysOf({ hmacSecrets: [secret], ed25519PublicKeys: [ed25519.publicKey] });

const idChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:~!'.split(''));
const delivery = fc.record({
  id: fc.string({ unit: idChar, minLength: 1, maxLength: 40 }),
  offset: fc.integer({ min: -300, max: 300 }),
  body: fc.uint8Array({ maxLength: 512 }),
  version: fc.constantFrom('v1', 'v1a'),
});

type Delivery = { id: string; offset: number; body: Uint8Array; version: string };

function sign(d: Delivery) {
  const timestamp = NOW_SECONDS + d.offset;
  const keyChoice = d.version === 'v1' ? { hmacSecrets: [secret] } : { ed25519PrivateKeys: [ed25519.privateKey] };
  return signWebhook({ id: d.id, timestamp, rawBody: d.body, ...keyChoice });
}

const now = new Date(NOW_SECONDS * 1000);

describe('sign then verify (property)', () => {
  it('accepts every signed delivery within the window, for both versions', () => {
    fc.assert(
      fc.property(delivery, (d) => {
        // Act
        const result = verifyWebhook({ headers: { ...sign(d) }, rawBody: d.body, keys, now });

        // Assess
        expect(result).toMatchObject({ ok: true, id: d.id, signedWith: { version: d.version } });
      }),
    );
  });

  it('refuses any single-byte change of the body', () => {
    fc.assert(
      fc.property(
        delivery.filter((d) => d.body.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (d, at, xor) => {
          // Prepare
          const headers = sign(d);
          const changed = Uint8Array.from(d.body);
          const index = at % changed.length;
          changed[index] = (changed[index] ?? 0) ^ xor;

          // Act
          const result = verifyWebhook({ headers: { ...headers }, rawBody: changed, keys, now });

          // Assess
          expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
        },
      ),
    );
  });

  it('refuses any single-character change of the id or the timestamp', () => {
    fc.assert(
      fc.property(delivery, fc.constantFrom('webhook-id', 'webhook-timestamp'), fc.nat(), idChar, (d, header, at, replacement) => {
        // Prepare
        const headers: Record<string, string> = { ...sign(d) };
        const original = headers[header] ?? '';
        const index = at % original.length;
        const substitute = header === 'webhook-timestamp' ? String((Number(original[index]) + 1) % 10) : replacement;
        fc.pre(substitute !== original[index]);
        headers[header] = original.slice(0, index) + substitute + original.slice(index + 1);

        // Act
        const result = verifyWebhook({ headers, rawBody: d.body, keys, now });

        // Assess: a changed timestamp may also fall outside the window; either way it is refused.
        expect(result.ok).toBe(false);
        if (header === 'webhook-id') expect(result).toMatchObject({ reason: 'signature-mismatch' });
      }),
    );
  });
});
