import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookKeyError, WebhookSecretError } from '#webhooks/errors';
import { formatEd25519PublicKey, generateEd25519KeyPair, generateSecret, parseEd25519PublicKey, parseEd25519SigningKey, parseSecret } from '#webhooks/keys';
import { signWebhook } from '#webhooks/sign';
import { verifyWebhook } from '#webhooks/verify';
import { keysOf, newEd25519, NOW, NOW_SECONDS, utf8 } from './fixtures.ts';

const base64Of = (length: number) => Buffer.alloc(length, 7).toString('base64');

describe('parseSecret / generateSecret', () => {
  it('generates a whsec_ secret of 32 random bytes that parses back', () => {
    // Act
    const [first, second] = [generateSecret(), generateSecret()];

    // Assess
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(parseSecret(first)).toHaveLength(32);
    expect(first).not.toBe(second);
  });

  it.each([24, 64])('accepts a secret of %i bytes (the spec bounds)', (length) => {
    // Act
    const secret = parseSecret(`whsec_${base64Of(length)}`);

    // Assess
    expect(Buffer.from(secret).equals(Buffer.alloc(length, 7))).toBe(true);
  });

  it.each([
    ['23 bytes', `whsec_${base64Of(23)}`, /24–64 bytes; this one has 23/],
    ['65 bytes', `whsec_${base64Of(65)}`, /this one has 65/],
    ['no prefix', base64Of(32), /must start with "whsec_"/],
    ['another prefix', `whsk_${base64Of(32)}`, /must start with "whsec_"/],
    ['bad base64', `whsec_${base64Of(32).slice(1)}`, /not valid padded base64/],
    ['empty', 'whsec_', /this one has 0/],
  ])('refuses a secret with %s', (_, text, message) => {
    // Act
    const act = () => parseSecret(text);

    // Assess
    expect(act).toThrow(WebhookSecretError);
    expect(act).toThrow(message);
  });

  it('never repeats the secret in its error message', () => {
    // Prepare
    const short = `whsec_${Buffer.from('a-secret-of-20-bytes').toString('base64')}`;

    // Act
    const message = (() => {
      try {
        parseSecret(short);
        return '';
      } catch (error) {
        return error instanceof Error ? error.message : '';
      }
    })();

    // Assess
    expect(message).toMatch(/has 20/);
    expect(message).not.toContain(short.slice(6));
  });
});

describe('Ed25519 key forms', () => {
  it('round-trips a public key through whpk_ and reads the same key from PEM', () => {
    // Prepare
    const { publicKey } = newEd25519();
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

    // Act
    const fromWhpk = parseEd25519PublicKey(formatEd25519PublicKey(publicKey));
    const fromPem = parseEd25519PublicKey(pem);

    // Assess
    expect(fromWhpk.equals(publicKey)).toBe(true);
    expect(fromPem.equals(publicKey)).toBe(true);
  });

  it('generates a whsk_/whpk_ pair whose signatures verify', () => {
    // Prepare
    const pair = generateEd25519KeyPair();
    const rawBody = utf8('{}');

    // Act
    const headers = signWebhook({ id: 'msg_1', timestamp: NOW_SECONDS, rawBody, ed25519PrivateKeys: [parseEd25519SigningKey(pair.signingKey)] });
    const result = verifyWebhook({ headers: { ...headers }, rawBody, keys: keysOf({ ed25519PublicKeys: [parseEd25519PublicKey(pair.publicKey)] }), now: NOW });

    // Assess
    expect(pair.signingKey).toMatch(/^whsk_/);
    expect(result).toMatchObject({ ok: true });
  });

  it.each([
    ['a whsec_ secret', `whsec_${base64Of(32)}`],
    ['31 bytes', `whpk_${base64Of(31)}`],
    ['an RSA PEM key', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['a broken PEM block', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'],
  ])('refuses %s as an Ed25519 public key', (_, text) => {
    // Act
    const act = () => parseEd25519PublicKey(text);

    // Assess
    expect(act).toThrow(WebhookKeyError);
  });

  it('refuses to format a private key as a public one', () => {
    // Prepare
    const { privateKey } = newEd25519();

    // Act
    const act = () => formatEd25519PublicKey(privateKey);

    // Assess
    expect(act).toThrow(/Expected an Ed25519 public key, got a ed25519 private key/);
  });

  it('derives the vector public key from its whsk_ seed', () => {
    // Prepare: the seed is the reference libraries' test key (see fixtures).
    const signingKey = parseEd25519SigningKey('whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=');

    // Act
    const publicKey = formatEd25519PublicKey(createPublicKey(signingKey));

    // Assess
    expect(publicKey).toBe(`whpk_${Buffer.from('ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c_g', 'base64url').toString('base64')}`);
  });
});
