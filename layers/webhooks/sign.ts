/**
 * Signing of a delivery, for every sender we run: tests, the agency simulator, outgoing webhooks.
 * Several keys give several space-separated signatures, which is how a sender rotates keys without downtime.
 */
import type { KeyObject } from 'node:crypto';
import { WebhookSigningError } from './errors.ts';
import { checkIdValue, MAX_SIGNATURES } from './headers.ts';
import { assertEd25519, assertSecretLength } from './keys.ts';
import { ed25519Message, ed25519Signature, hmacSignature, signedPrefix } from './signed-content.ts';

export interface SignWebhookInput {
  /** `webhook-id`: unique per event, kept across retries. Visible ASCII without "." (max 256). */
  readonly id: string;
  /** The attempt time: a Date (truncated to the second) or Unix seconds. */
  readonly timestamp: Date | number;
  /** The exact bytes that will be sent as the body. */
  readonly rawBody: Uint8Array;
  /** `v1` secrets (decoded `whsec_`); one signature each. */
  readonly hmacSecrets?: readonly Uint8Array[];
  /** `v1a` Ed25519 private keys; one signature each. */
  readonly ed25519PrivateKeys?: readonly KeyObject[];
}

/** The three headers to send with the body. */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Signs `{id}.{timestamp}.{rawBody}` with every given key (`v1` entries first, then `v1a`).
 *
 * @throws {WebhookSigningError} invalid id or timestamp, no key, or more keys than a receiver accepts.
 * @throws {WebhookSecretError | WebhookKeyError} a secret of the wrong length or a key of the wrong kind.
 * @example
 * const headers = signWebhook({ id: 'msg_1', timestamp: new Date(), rawBody, hmacSecrets: [parseSecret(whsec)] });
 * await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: rawBody });
 */
export function signWebhook(input: SignWebhookInput): WebhookHeaders {
  const idProblem = checkIdValue(input.id);
  if (idProblem !== undefined) throw new WebhookSigningError(idProblem.detail);
  const seconds = input.timestamp instanceof Date ? Math.floor(input.timestamp.getTime() / 1000) : input.timestamp;
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new WebhookSigningError(`The timestamp must be a non-negative whole number of Unix seconds, got ${seconds}.`);
  }
  const secrets = input.hmacSecrets ?? [];
  const privateKeys = input.ed25519PrivateKeys ?? [];
  const count = secrets.length + privateKeys.length;
  if (count === 0 || count > MAX_SIGNATURES) {
    throw new WebhookSigningError(`Give between 1 and ${MAX_SIGNATURES} keys to sign with; got ${count}.`);
  }

  const timestampText = String(seconds);
  const prefix = signedPrefix(input.id, timestampText);
  const entries = secrets.map((secret) => {
    assertSecretLength(secret);
    return `v1,${hmacSignature(secret, prefix, input.rawBody).toString('base64')}`;
  });
  if (privateKeys.length > 0) {
    const message = ed25519Message(prefix, input.rawBody);
    for (const key of privateKeys) {
      entries.push(`v1a,${ed25519Signature(assertEd25519(key, 'private'), message).toString('base64')}`);
    }
  }
  return { 'webhook-id': input.id, 'webhook-timestamp': timestampText, 'webhook-signature': entries.join(' ') };
}
