/**
 * Reads the three Standard Webhooks headers and checks their syntax, reporting every problem at once so a
 * developer at the sending agency can fix them in one round. No cryptography here.
 */
import { decodeStrictBase64 } from './base64.ts';
import type { Problem } from './refusals.ts';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/** Signature versions this library checks; any other version in the header is ignored. */
export type SignatureVersion = 'v1' | 'v1a';

/** Decoded length of each version's signature: HMAC-SHA256 and Ed25519. */
const SIGNATURE_BYTES: Record<SignatureVersion, number> = { v1: 32, v1a: 64 };

/** Bounds the work one request can cause: each signature may be checked against every active key. */
export const MAX_SIGNATURES = 10;
const MAX_ID_LENGTH = 256;
/** Visible ASCII without `.`: the id is a field of the dot-separated signed content and an idempotency key. */
const ID_SHAPE = /^[\x21-\x2d\x2f-\x7e]+$/;
/**
 * Unix seconds as plain digits: no sign, space, decimal point or exponent. 15 digits stay exact as a
 * number and let a millisecond timestamp (13 digits) reach the window check, whose message names the mistake.
 */
const TIMESTAMP_SHAPE = /^[0-9]{1,15}$/;

export interface SignatureEntry {
  readonly version: SignatureVersion;
  readonly bytes: Buffer;
}

export interface WebhookHeaderValues {
  readonly id: string;
  /** The header text exactly as sent: it is what was signed. */
  readonly timestampText: string;
  readonly timestampSeconds: number;
  /** Entries of the versions we know; possibly empty when only unknown versions were sent. */
  readonly signatures: readonly SignatureEntry[];
}

export type HeaderReading = { ok: true; value: WebhookHeaderValues } | { ok: false; problems: [Problem, ...Problem[]] };

/** Checks the three headers (names compared case-insensitively, as HTTP requires). */
export function readWebhookHeaders(headers: Readonly<Record<string, string | undefined>>): HeaderReading {
  const found = collect(headers);
  const id = read(found, WEBHOOK_ID_HEADER, 'missing-webhook-id', 'invalid-webhook-id', checkIdValue);
  const timestamp = read(found, WEBHOOK_TIMESTAMP_HEADER, 'missing-webhook-timestamp', 'invalid-webhook-timestamp', checkTimestampValue);
  const signature = read(found, WEBHOOK_SIGNATURE_HEADER, 'missing-webhook-signature', 'malformed-webhook-signature', () => undefined);
  const signatures = typeof signature === 'string' ? parseSignatureHeader(signature) : signature;

  if (typeof id === 'string' && typeof timestamp === 'string' && Array.isArray(signatures)) {
    return { ok: true, value: { id, timestampText: timestamp, timestampSeconds: Number(timestamp), signatures } };
  }
  const [first, ...more] = [id, timestamp, signatures].filter(isProblem);
  if (first === undefined) throw new Error('unreachable: a header was refused without a problem');
  return { ok: false, problems: [first, ...more] };
}

/** The problem with a `webhook-id` value, or `undefined` when it is acceptable. Shared with signing. */
export function checkIdValue(id: string): Problem | undefined {
  if (id.length > MAX_ID_LENGTH || !ID_SHAPE.test(id)) {
    return {
      reason: 'invalid-webhook-id',
      detail: `Header webhook-id must be 1–${MAX_ID_LENGTH} visible ASCII characters without spaces or "." (for example msg_2KWPBgLlAfxdpx2AI54pPJ85f4W). Keep the same id when retrying a delivery.`,
    };
  }
  return undefined;
}

/** The problem with a `webhook-timestamp` value, or `undefined` when it is acceptable. */
export function checkTimestampValue(timestamp: string): Problem | undefined {
  if (!TIMESTAMP_SHAPE.test(timestamp)) {
    return {
      reason: 'invalid-webhook-timestamp',
      detail: 'Header webhook-timestamp must be the Unix time in whole seconds, digits only (for example 1674087231): no sign, spaces, decimals or milliseconds.',
    };
  }
  return undefined;
}

/**
 * Splits a space-separated list of `<version>,<base64>` entries. Entries of an unknown version are skipped
 * unread (forward compatibility); an entry of a known version must be canonical base64 of the exact length.
 */
function parseSignatureHeader(header: string): SignatureEntry[] | Problem {
  const entries = header.split(' ').filter((entry) => entry !== '');
  if (entries.length === 0) return malformed('it is empty');
  if (entries.length > MAX_SIGNATURES) return malformed(`it has ${entries.length} signatures; at most ${MAX_SIGNATURES} are accepted`);
  const known: SignatureEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    const comma = entry.indexOf(',');
    if (comma <= 0) return malformed(`signature ${index + 1} is not of the form <version>,<base64>`);
    const version = entry.slice(0, comma);
    if (version !== 'v1' && version !== 'v1a') continue;
    const bytes = decodeStrictBase64(entry.slice(comma + 1));
    if (bytes === undefined || bytes.byteLength !== SIGNATURE_BYTES[version]) {
      return malformed(`signature ${index + 1} (${version}) must be the padded base64 of ${SIGNATURE_BYTES[version]} bytes; it is empty, truncated or not base64`);
    }
    known.push({ version, bytes });
  }
  return known;
}

function malformed(why: string): Problem {
  return {
    reason: 'malformed-webhook-signature',
    detail: `Header webhook-signature is malformed: ${why}. Expected space-separated entries such as "v1,<base64 HMAC-SHA256>" or "v1a,<base64 Ed25519 signature>".`,
  };
}

function read(
  found: ReadonlyMap<string, string | null>,
  header: string,
  whenMissing: Problem['reason'],
  whenInvalid: Problem['reason'],
  check: (value: string) => Problem | undefined,
): string | Problem {
  const value = found.get(header);
  if (value === undefined || value === '') {
    return { reason: whenMissing, detail: `Header ${header} is missing. Standard Webhooks requires webhook-id, webhook-timestamp and webhook-signature.` };
  }
  if (value === null) return { reason: whenInvalid, detail: `Header ${header} was sent more than once with different values; send it once.` };
  return check(value) ?? value;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `webhook-*` headers by lower-cased name. Values are kept exactly as received (no trimming): the
 * timestamp and id are part of the signed content. A name sent twice with different values maps to `null`.
 */
function collect(headers: Readonly<Record<string, string | undefined>>): Map<string, string | null> {
  const found = new Map<string, string | null>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || !lower.startsWith('webhook-')) continue;
    const previous = found.get(lower);
    found.set(lower, previous === undefined || previous === value ? value : null);
  }
  return found;
}
