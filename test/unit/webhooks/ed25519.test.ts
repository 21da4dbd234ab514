import { describe, expect, it } from 'vitest';
import { formatEd25519PublicKey } from '#webhooks/keys';
import { verifyWebhook, type VerifyWebhookInput } from '#webhooks/verify';
import { deliver, keysOf, newEd25519, NOW } from './fixtures.ts';

const agency = newEd25519();
const otherAgency = newEd25519();

describe('verifyWebhook: v1a (Ed25519)', () => {
  it('verifies a delivery signed with a node:crypto generated key against its registered public key', () => {
    // Prepare
    const delivery = deliver({ ed25519PrivateKeys: [agency.privateKey] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ ed25519PublicKeys: [agency.publicKey] }), now: NOW });

    // Assess
    expect(delivery.headers['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(result).toMatchObject({ ok: true, signedWith: { version: 'v1a', keyIndex: 0 } });
  });

  it("refuses a delivery signed with another agency's key", () => {
    // Prepare
    const delivery = deliver({ ed25519PrivateKeys: [otherAgency.privateKey] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ ed25519PublicKeys: [agency.publicKey] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, status: 401, reason: 'signature-mismatch' });
  });

  it('accepts during Ed25519 rotation: new key registered second, delivery signed with both', () => {
    // Prepare
    const next = newEd25519();
    const delivery = deliver({ ed25519PrivateKeys: [agency.privateKey, next.privateKey] });

    // Act
    const result = verifyWebhook({ ...delivery, keys: keysOf({ ed25519PublicKeys: [next.publicKey] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: true, signedWith: { version: 'v1a', keyIndex: 0 } });
  });

  it('ignores a public key sent with the request: only registered keys count', () => {
    // Prepare: an attacker signs with their own key and ships its public half in a header and in the body.
    const attackerKey = formatEd25519PublicKey(otherAgency.publicKey);
    const forged = deliver({ ed25519PrivateKeys: [otherAgency.privateKey], body: JSON.stringify({ publicKey: attackerKey }) });
    const headers = { ...forged.headers, 'webhook-public-key': attackerKey, 'webhook-key': attackerKey };

    // Act
    const result = verifyWebhook({ headers, rawBody: forged.rawBody, keys: keysOf({ ed25519PublicKeys: [agency.publicKey] }), now: NOW });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });

  it('offers no input through which a request could supply a key', () => {
    // Prepare
    const delivery = deliver({ ed25519PrivateKeys: [agency.privateKey] });
    const input = {
      ...delivery,
      keys: keysOf({}),
      now: NOW,
      // @ts-expect-error -- VerifyWebhookInput has no field for a caller-supplied public key.
      publicKey: agency.publicKey,
    } satisfies VerifyWebhookInput;

    // Act
    const result = verifyWebhook(input);

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });
});
