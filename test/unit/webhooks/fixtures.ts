/** Shared test data for the webhook library: published vectors, a fixed clock, keys made at test time. */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { AgencyKeys } from '#webhooks/keys';
import { signWebhook, type WebhookHeaders } from '#webhooks/sign';

/**
 * HMAC-SHA256 (`v1`) vector published by the Standard Webhooks reference libraries:
 * github.com/standard-webhooks/standard-webhooks `libraries/go/webhook_symmetric_test.go`
 * (TestSymmetricWebhookSign), the same in `libraries/javascript/src/webhook.test.ts` ("sign function works")
 * and `libraries/python/tests/test_webhooks.py` (test_sign_function).
 */
export const HMAC_VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  /** test_invalid_signature_raises_error in the Python tests: the vector with its last bits changed. */
  nearMiss: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=',
} as const;

/**
 * Ed25519 (`v1a`) vector: `libraries/go/webhook_asymmetric_test.go` (TestAsymmetricWebhookSign), same
 * id, timestamp and payload as above; the key is the base64 of the 32-byte seed "TESTSIGNINGKEYDONOTUSETHISFORANY".
 */
export const ED25519_VECTOR = {
  signingKey: 'whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
  signature: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
} as const;

export const NOW = new Date('2025-01-15T08:00:00.000Z');
export const NOW_SECONDS = NOW.getTime() / 1000;

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function newSecret(): Uint8Array {
  return randomBytes(32);
}

export function newEd25519(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export function keysOf(partial: Partial<AgencyKeys>): AgencyKeys {
  return { hmacSecrets: [], ed25519PublicKeys: [], ...partial };
}

export interface Delivery {
  headers: Record<string, string>;
  rawBody: Uint8Array;
}

/** A delivery signed now with the given keys, as an agency would send it. */
export function deliver(options: { body?: string; id?: string; timestamp?: number; hmacSecrets?: readonly Uint8Array[]; ed25519PrivateKeys?: readonly KeyObject[] }): Delivery {
  const rawBody = utf8(options.body ?? '{"kind":"status","documentId":"doc-1","statusCode":"03"}');
  const headers: WebhookHeaders = signWebhook({
    id: options.id ?? 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    timestamp: options.timestamp ?? NOW_SECONDS,
    rawBody,
    hmacSecrets: options.hmacSecrets ?? [],
    ed25519PrivateKeys: options.ed25519PrivateKeys ?? [],
  });
  return { headers: { ...headers }, rawBody };
}
