/**
 * Verification of an incoming Standard Webhooks delivery (https://www.standardwebhooks.com) against the
 * keys registered for the sending agency. Pure: no clock, no storage — the handler passes `now` and the
 * keys, and records `id` in its idempotency table after a success.
 */
import { timingSafeEqual } from 'node:crypto';
import { readWebhookHeaders, type SignatureEntry, type SignatureVersion } from './headers.ts';
import { assertAgencyKeys, type AgencyKeys } from './keys.ts';
import { refuse, type WebhookRefused } from './refusals.ts';
import { ed25519Message, ed25519Verifies, hmacSignature, signedPrefix } from './signed-content.ts';

/** Accepted clock difference between sender and receiver, both directions (the spec's 5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Default body limit; the spec recommends payloads well under 20 KB (link files, do not embed them). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface VerifyWebhookInput {
  /** Request headers; names are matched case-insensitively, values used exactly as received. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body bytes exactly as received (see `decodeApiGatewayBody`), never a re-serialised object. */
  readonly rawBody: Uint8Array;
  /** The sending agency's active keys, from our own store. */
  readonly keys: AgencyKeys;
  readonly now: Date;
  /** A timestamp exactly this many seconds away from `now` is still accepted. Default 300. */
  readonly toleranceSeconds?: number;
  /** Default {@link DEFAULT_MAX_BODY_BYTES}. */
  readonly maxBodyBytes?: number;
}

/** An authentic delivery. `signedWith.keyIndex` indexes the matching array of `keys`, to track rotation. */
export interface WebhookVerified {
  readonly ok: true;
  /** `webhook-id`: the sender's delivery id, stable across retries — the idempotency key. */
  readonly id: string;
  readonly timestamp: Date;
  readonly signedWith: { readonly version: SignatureVersion; readonly keyIndex: number };
}

export type VerifyResult = WebhookVerified | WebhookRefused;

/**
 * Verifies a delivery: body size first (before the body is touched), then header syntax, the timestamp
 * window, and finally the signatures. Valid when any `v1`/`v1a` signature in `webhook-signature` matches
 * any active key of the agency; entries of other versions are ignored, but a malformed entry of a known
 * version (empty, truncated, not base64) refuses the whole header so the sender's bug is visible.
 *
 * @throws {WebhookSecretError | WebhookKeyError} only when `keys` itself is unusable (a configuration bug).
 * @example
 * const result = verifyWebhook({ headers: event.headers, rawBody, keys, now: new Date() });
 * if (!result.ok) return problem(result.status, result.detail, result.errors);
 * await idempotency.claim(`${organId}#${result.id}`);
 */
export function verifyWebhook(input: VerifyWebhookInput): VerifyResult {
  const tolerance = nonNegativeInteger(input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS, 'toleranceSeconds');
  const maxBodyBytes = nonNegativeInteger(input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  assertAgencyKeys(input.keys);

  if (input.rawBody.byteLength > maxBodyBytes) {
    return refuse({
      reason: 'body-too-large',
      detail: `The request body is ${input.rawBody.byteLength} bytes; the limit is ${maxBodyBytes} bytes. Send a smaller payload (link large files instead of embedding them).`,
    });
  }

  const headers = readWebhookHeaders(input.headers);
  if (!headers.ok) return refuse(...headers.problems);
  const { id, timestampText, timestampSeconds, signatures } = headers.value;

  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const age = nowSeconds - timestampSeconds;
  if (age > tolerance) {
    return refuse({
      reason: 'timestamp-too-old',
      detail: `Header webhook-timestamp ${timestampText} is ${age} s older than the server time ${nowSeconds} (tolerance ±${tolerance} s). Set it to the current Unix time and sign again at every attempt, including retries; check the sender's clock (NTP).`,
    });
  }
  if (-age > tolerance) {
    return refuse({
      reason: 'timestamp-in-future',
      detail: `Header webhook-timestamp ${timestampText} is ${-age} s ahead of the server time ${nowSeconds} (tolerance ±${tolerance} s). Use Unix time in seconds, not milliseconds, and check the sender's clock (NTP).`,
    });
  }

  if (signatures.length === 0) {
    return refuse({
      reason: 'unsupported-signature-version',
      detail: 'Header webhook-signature has no signature of a supported version. Send "v1,<base64 HMAC-SHA256>" (whsec_ secret) or "v1a,<base64 Ed25519>" (registered public key).',
    });
  }

  const match = findMatch(signedPrefix(id, timestampText), input.rawBody, signatures, input.keys);
  if (match === undefined) {
    return refuse({
      reason: 'signature-mismatch',
      detail: `No signature in webhook-signature matches an active key of this agency. Sign the bytes "{webhook-id}.{webhook-timestamp}.{body}" exactly as sent (do not re-serialise the JSON after signing), with the current secret or key; ${describeTried(signatures, input.keys)}.`,
    });
  }
  return { ok: true, id, timestamp: new Date(timestampSeconds * 1000), signedWith: match };
}

/** Tries every supported signature against every active key of its version; first match wins. */
function findMatch(prefix: Buffer, body: Uint8Array, signatures: readonly SignatureEntry[], keys: AgencyKeys): WebhookVerified['signedWith'] | undefined {
  const hmacEntries = signatures.filter((s) => s.version === 'v1');
  if (hmacEntries.length > 0) {
    // One HMAC per secret, compared with every v1 entry: the cost does not grow with the entries.
    for (const [keyIndex, secret] of keys.hmacSecrets.entries()) {
      const expected = hmacSignature(secret, prefix, body);
      if (hmacEntries.some((entry) => constantTimeEqual(expected, entry.bytes))) return { version: 'v1', keyIndex };
    }
  }
  const ed25519Entries = signatures.filter((s) => s.version === 'v1a');
  if (ed25519Entries.length > 0 && keys.ed25519PublicKeys.length > 0) {
    const message = ed25519Message(prefix, body);
    for (const [keyIndex, key] of keys.ed25519PublicKeys.entries()) {
      if (ed25519Entries.some((entry) => ed25519Verifies(key, message, entry.bytes))) return { version: 'v1a', keyIndex };
    }
  }
  return undefined;
}

/**
 * Equal-length buffers are compared by `timingSafeEqual`, which reads every byte whatever their content.
 * Lengths are public (fixed by the version and checked when the header is parsed), so a length
 * difference may return at once without telling anything about the expected signature.
 */
export function constantTimeEqual(expected: Uint8Array, received: Uint8Array): boolean {
  return expected.byteLength === received.byteLength && timingSafeEqual(expected, received);
}

function describeTried(signatures: readonly SignatureEntry[], keys: AgencyKeys): string {
  const sent = signatures.filter((s) => s.version === 'v1').length;
  const accepted = [keys.hmacSecrets.length > 0 ? 'v1' : '', keys.ed25519PublicKeys.length > 0 ? 'v1a' : ''].filter(Boolean);
  const versions = accepted.length > 0 ? accepted.join(' and ') : 'none (no active key is registered)';
  return `checked ${sent} v1 and ${signatures.length - sent} v1a signature(s); versions this agency has keys for: ${versions}`;
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
